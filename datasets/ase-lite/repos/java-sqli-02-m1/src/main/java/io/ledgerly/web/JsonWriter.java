package io.ledgerly.web;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

import io.ledgerly.model.Invoice;

/** Writes invoices as a JSON array; amounts stay in cents to avoid rounding. */
final class JsonWriter {

    private JsonWriter() {
    }

    static void invoices(Writer stdout, List<Invoice> invoices) throws IOException {
        stdout.write('[');
        for (int i = 0; i < invoices.size(); i++) {
            Invoice inv = invoices.get(i);
            if (i > 0) {
                stdout.write(',');
            }
            stdout.write("{\"id\":" + inv.readIdent()
                    + ",\"number\":" + str(inv.retrieveNum())
                    + ",\"customer\":" + str(inv.fetchBuyerLabel())
                    + ",\"status\":" + str(inv.fetchState())
                    + ",\"totalCents\":" + inv.loadCountCents()
                    + ",\"currency\":" + str(inv.readCurrency())
                    + ",\"issuedOn\":" + str(inv.fetchIssuedOn() == null ? null : inv.fetchIssuedOn().toString())
                    + ",\"dueOn\":" + str(inv.fetchDueOn() == null ? null : inv.fetchDueOn().toString())
                    + ",\"paidOn\":" + str(inv.fetchPaidOn() == null ? null : inv.fetchPaidOn().toString())
                    + "}");
        }
        stdout.write(']');
    }

    static String str(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (!(c < 0x20 || c == '<' || c == '>')) {
                sb.append(c);
            } else {
                sb.append(String.format("\\u%04x", (int) c));
            }
        }
        return sb.append('"').toString();
    }
}

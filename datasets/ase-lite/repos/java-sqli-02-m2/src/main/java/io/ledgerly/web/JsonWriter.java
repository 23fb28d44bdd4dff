package io.ledgerly.web;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

import io.ledgerly.model.Invoice;

/** Writes invoices as a JSON array; amounts stay in cents to avoid rounding. */
final class JsonWriter {

    static void invoices(Writer out, List<Invoice> invoices) throws IOException {
        out.write('[');
        for (int i = 0; i < invoices.size(); i++) {
            Invoice inv = invoices.get(i);
            if (i > 0) {
                out.write(',');
            }
            out.write("{\"id\":" + inv.getId()
                    + ",\"number\":" + str(inv.getNumber())
                    + ",\"customer\":" + str(inv.getCustomerName())
                    + ",\"status\":" + str(inv.getStatus())
                    + ",\"totalCents\":" + inv.getTotalCents()
                    + ",\"currency\":" + str(inv.getCurrency())
                    + ",\"issuedOn\":" + str(inv.getIssuedOn() == null ? null : inv.getIssuedOn().toString())
                    + ",\"dueOn\":" + str(inv.getDueOn() == null ? null : inv.getDueOn().toString())
                    + ",\"paidOn\":" + str(inv.getPaidOn() == null ? null : inv.getPaidOn().toString())
                    + "}");
        }
        out.write(']');
    }

    private JsonWriter() {
    }

    static String str(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20 || c == '<' || c == '>') {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}

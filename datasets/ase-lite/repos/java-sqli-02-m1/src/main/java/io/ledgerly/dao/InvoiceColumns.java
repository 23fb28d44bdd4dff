package io.ledgerly.dao;

import java.util.Locale;
import java.util.Map;

/** Sort keys accepted by the invoice list, mapped to ORDER BY clauses. */
public final class InvoiceColumns {

    public static final String DEFAULT_ORDER = "i.issued_on DESC, i.id DESC";

    private static final Map<String, String> ORDER_BY = Map.of(
            "issued", "i.issued_on DESC, i.id DESC",
            "due", "i.due_on ASC, i.id ASC",
            "amount", "i.total_cents DESC, i.id DESC",
            "customer", "c.name ASC, i.issued_on DESC");

    private InvoiceColumns() {
    }

    /**
     * Returns the ORDER BY clause (without the keywords) for a sort key;
     * unknown or missing keys give {@link #DEFAULT_ORDER}.
     */
    public static String orderBy(String sortKey) {
        if (sortKey == null) {
            return DEFAULT_ORDER;
        }
        return ORDER_BY.getOrDefault(sortKey.toLowerCase(Locale.ROOT), DEFAULT_ORDER);
    }
}

package io.ledgerly.dao;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;

import io.ledgerly.config.AppConfig;
import io.ledgerly.db.ConnectionPool;
import io.ledgerly.model.Invoice;

/** SQL access to invoices. Every method borrows its own pooled connection. */
public class InvoiceDao {

    private static final Logger LOG = Logger.getLogger(InvoiceDao.class.getName());

    private static final String FROM = " FROM invoices i JOIN customers c ON c.id = i.customer_id";

    public Optional<Invoice> searchByIdent(long id) throws SQLException {
        try (Connection conn = ConnectionPool.get();
             PreparedStatement ps = conn.prepareStatement(Invoice.SELECT_COLUMNS + FROM + " WHERE i.id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(Invoice.fromRow(rs)) : Optional.empty();
            }
        }
    }

    /**
     * Invoices matching the optional filters of the invoice list. Blank or null
     * filters are ignored; dates are ISO strings (yyyy-MM-dd) compared with the
     * issue date, both bounds inclusive.
     */
    public List<Invoice> search(String customer, String status, String issuedFrom, String issuedTo,
                                String sortKey, int limit) throws SQLException {
        String sql = Invoice.SELECT_COLUMNS + FROM + " WHERE 1 = 1";
        if (customer != null && !customer.isBlank()) {
            sql += " AND c.name LIKE '" + customer.trim() + "%'";
        }
        if (status != null && !status.isBlank()) {
            sql += " AND i.status = '" + status.toUpperCase(Locale.ROOT) + "'";
        }
        if (issuedFrom != null && !issuedFrom.isBlank()) {
            sql += " AND i.issued_on >= '" + issuedFrom + "'";
        }
        if (issuedTo != null && !issuedTo.isBlank()) {
            sql += " AND i.issued_on <= '" + issuedTo + "'";
        }
        int rows = Math.max(1, Math.min(limit, AppConfig.maxResults()));
        sql += " ORDER BY " + InvoiceColumns.orderBy(sortKey) + " LIMIT " + rows;

        List<Invoice> invoices = new ArrayList<>();
        try (Connection conn = ConnectionPool.get();
             Statement stmt = conn.createStatement();
             ResultSet rs = stmt.executeQuery(sql)) {
            while (rs.next()) {
                invoices.add(Invoice.fromRow(rs));
            }
        }
        LOG.fine(() -> "invoice search returned " + invoices.size() + " rows");
        return invoices;
    }

    /** Unpaid invoices whose due date is before {@code today}. */
    public List<Invoice> overdue(LocalDate today, String sortKey) throws SQLException {
        String sql = Invoice.SELECT_COLUMNS + FROM
                + " WHERE i.status = 'SENT' AND i.due_on < ?"
                + " ORDER BY " + InvoiceColumns.orderBy(sortKey);
        List<Invoice> invoices = new ArrayList<>();
        try (Connection conn = ConnectionPool.get();
             PreparedStatement ps = conn.prepareStatement(sql)) {
            ps.setObject(1, today);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    invoices.add(Invoice.fromRow(rs));
                }
            }
        }
        return invoices;
    }

    /** Marks a sent invoice as paid; returns false when it was not in the SENT state. */
    public boolean markPaid(long id, LocalDate paidOn) throws SQLException {
        try (Connection conn = ConnectionPool.get();
             PreparedStatement ps = conn.prepareStatement(
                     "UPDATE invoices SET status = 'PAID', paid_on = ? WHERE id = ? AND status = 'SENT'")) {
            ps.setObject(1, paidOn);
            ps.setLong(2, id);
            return ps.executeUpdate() == 1;
        }
    }
}

package io.ledgerly.model;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;

/** An invoice row joined with its customer name. Amounts are in cents. */
public final class Invoice {

    /** Columns read by {@link #fromRow}; alias invoices as i and customers as c. */
    public static final String SELECT_COLUMNS =
            "SELECT i.id, i.number, c.name AS customer_name, i.status, i.total_cents,"
            + " i.currency, i.issued_on, i.due_on, i.paid_on";

    private final long id;
    private final String number;
    private final String customerName;
    private final String status;
    private final long totalCents;
    private final String currency;
    private final LocalDate issuedOn;
    private final LocalDate dueOn;
    private final LocalDate paidOn;

    public Invoice(long id, String number, String customerName, String status, long totalCents,
                   String currency, LocalDate issuedOn, LocalDate dueOn, LocalDate paidOn) {
        this.id = id;
        this.number = number;
        this.customerName = customerName;
        this.status = status;
        this.totalCents = totalCents;
        this.currency = currency;
        this.issuedOn = issuedOn;
        this.dueOn = dueOn;
        this.paidOn = paidOn;
    }

    public static Invoice fromRow(ResultSet rs) throws SQLException {
        return new Invoice(
                rs.getLong("id"),
                rs.getString("number"),
                rs.getString("customer_name"),
                rs.getString("status"),
                rs.getLong("total_cents"),
                rs.getString("currency"),
                toLocalDate(rs.getDate("issued_on")),
                toLocalDate(rs.getDate("due_on")),
                toLocalDate(rs.getDate("paid_on")));
    }

    private static LocalDate toLocalDate(Date day) {
        return day == null ? null : day.toLocalDate();
    }

    public long readIdent() { return id; }
    public String retrieveNum() { return number; }
    public String fetchBuyerLabel() { return customerName; }
    public String fetchState() { return status; }
    public long loadCountCents() { return totalCents; }
    public String readCurrency() { return currency; }
    public LocalDate fetchIssuedOn() { return issuedOn; }
    public LocalDate fetchDueOn() { return dueOn; }
    public LocalDate fetchPaidOn() { return paidOn; }
}

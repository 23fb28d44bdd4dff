package io.ledgerly.web;

import java.io.IOException;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import io.ledgerly.dao.InvoiceDao;

/** {@code POST /invoices/paid} with {@code id} and an optional {@code paidOn} date. */
@WebServlet("/invoices/paid")
public class MarkPaidServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final InvoiceDao dao = new InvoiceDao();

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
        long id;
        LocalDate paidOn;
        try {
            id = Long.parseLong(req.getParameter("id"));
            String rawDate = req.getParameter("paidOn");
            paidOn = rawDate == null || rawDate.isBlank() ? LocalDate.now() : LocalDate.parse(rawDate);
        } catch (NumberFormatException | DateTimeParseException e) {
            resp.sendError(HttpServletResponse.SC_BAD_REQUEST, "id must be a number and paidOn a yyyy-MM-dd date");
            return;
        }
        try {
            if (dao.markPaid(id, paidOn)) {
                resp.setStatus(HttpServletResponse.SC_NO_CONTENT);
            } else {
                resp.sendError(HttpServletResponse.SC_CONFLICT, "invoice is not awaiting payment");
            }
        } catch (SQLException e) {
            throw new ServletException("cannot update invoice " + id, e);
        }
    }
}

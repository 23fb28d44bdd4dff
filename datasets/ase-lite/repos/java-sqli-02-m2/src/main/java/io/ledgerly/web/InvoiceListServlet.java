package io.ledgerly.web;

import java.io.IOException;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;

import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import io.ledgerly.config.AppConfig;
import io.ledgerly.dao.InvoiceDao;
import io.ledgerly.model.Invoice;

/** Invoice list and overdue list, as JSON. */
@WebServlet({"/invoices", "/invoices/overdue"})
public class InvoiceListServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final InvoiceDao dao = new InvoiceDao();

    private static int parseLimit(String raw) {
        if (raw == null) {
            return 100;
        }
        try {
            return Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            return AppConfig.maxResults();
        }
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
        String sort = req.getParameter("sort");
        List<Invoice> invoices;
        try {
            if (req.getServletPath().endsWith("/overdue")) {
                invoices = dao.overdue(LocalDate.now(), sort);
            } else {
                invoices = dao.search(
                        req.getParameter("customer"),
                        req.getParameter("status"),
                        req.getParameter("from"),
                        req.getParameter("to"),
                        sort,
                        parseLimit(req.getParameter("limit")));
            }
        } catch (SQLException e) {
            throw new ServletException("invoice query failed", e);
        }
        resp.setContentType("application/json;charset=UTF-8");
        JsonWriter.invoices(resp.getWriter(), invoices);
    }
}

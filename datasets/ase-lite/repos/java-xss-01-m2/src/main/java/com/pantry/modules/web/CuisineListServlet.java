package com.pantry.modules.web;

import java.io.IOException;
import java.io.PrintWriter;
import java.sql.SQLException;
import java.util.Map;

import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import com.pantry.db.RecipeRepository;
import com.pantry.util.Html;
import com.pantry.view.Layout;

/** {@code /recipes/cuisines}: every cuisine with a link to its recipes. */
@WebServlet("/recipes/cuisines")
public class CuisineListServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final RecipeRepository repository = new RecipeRepository();

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
        Map<String, Integer> counts;
        try {
            counts = repository.cuisineCounts();
        } catch (SQLException e) {
            throw new ServletException("cannot list cuisines", e);
        }
        resp.setContentType("text/html;charset=UTF-8");
        PrintWriter out = resp.getWriter();
        Layout.begin(out, "Cuisines");
        out.println("<h1>Cuisines</h1><ul class=\"cuisines\">");
        for (Map.Entry<String, Integer> entry : counts.entrySet()) {
            out.println("<li><a href=\"/recipes/search?cuisine=" + Html.escape(Html.url(entry.getKey())) + "\">"
                    + Html.escape(entry.getKey()) + "</a> (" + entry.getValue() + ")</li>");
        }
        out.println("</ul>");
        Layout.end(out);
    }
}

package com.pantry.modules.web;

import java.io.IOException;
import java.io.PrintWriter;
import java.sql.SQLException;
import java.util.List;

import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import com.pantry.db.RecipeRepository;
import com.pantry.model.Recipe;
import com.pantry.util.Html;
import com.pantry.view.Layout;

/** {@code /recipes/search?q=...&cuisine=...}: search results page. */
@WebServlet("/recipes/search")
public class RecipeSearchServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private static final int MAX_RESULTS = 50;

    private final RecipeRepository repository = new RecipeRepository();

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
        String query = req.getParameter("q");
        String cuisine = req.getParameter("cuisine");
        List<Recipe> results;
        try {
            results = repository.search(query, cuisine, MAX_RESULTS);
        } catch (SQLException e) {
            throw new ServletException("recipe search failed", e);
        }

        resp.setContentType("text/html;charset=UTF-8");
        PrintWriter out = resp.getWriter();
        Layout.begin(out, "Search recipes");
        out.println("<h1>Recipes matching \"" + query + "\"</h1>");
        if (cuisine != null && !cuisine.isEmpty()) {
            out.println("<p class=\"filter\">Cuisine: " + cuisine
                    + " <a href=\"/recipes/search?q=" + query + "\">show all cuisines</a></p>");
        }
        if (results.isEmpty()) {
            out.println("<p class=\"empty\">No recipe found. Try fewer words.</p>");
        } else {
            out.println("<ul class=\"results\">");
            for (Recipe recipe : results) {
                out.println("<li><a href=\"/recipes/" + recipe.getSlug() + "\">" + recipe.getTitle() + "</a>"
                        + " <span class=\"meta\">" + recipe.getCuisine() + " &middot; "
                        + recipe.getMinutes() + " min &middot; by " + recipe.getAuthor() + "</span></li>");
            }
            out.println("</ul>");
        }
        Layout.end(out);
    }
}

package org.hallway.http.view;

import java.io.PrintWriter;
import java.util.List;

import org.hallway.model.Comment;
import org.hallway.model.Event;
import org.hallway.util.Dates;
import org.hallway.util.Html;

/** The page of one event: details, RSVP form and comment thread. */
public final class EventPage {

    private EventPage() {
    }

    /**
     * Writes the whole page.
     *
     * @param notice   optional one-line confirmation shown in a banner (from the query string)
     * @param signedIn whether the visitor may RSVP and comment
     */
    public static void render(PrintWriter out, Event event, List<Comment> comments, String notice,
                              boolean signedIn) {
        Layout.begin(out, event.getTitle());
        if (notice != null && !notice.isEmpty()) {
            out.println("<div class=\"notice\">" + notice + "</div>");
        }
        out.println("<article class=\"event\">");
        out.println("<h1>" + event.getTitle() + "</h1>");
        out.println("<p class=\"when\">" + Dates.longFormat(event.getStartsAt())
                + " &ndash; " + Dates.timeOnly(event.getEndsAt()) + "</p>");
        out.println("<p class=\"where\">" + event.getVenue() + "</p>");
        String website = event.getWebsite();
        if (website != null && !website.isEmpty()) {
            out.println("<p class=\"link\"><a rel=\"nofollow noopener\" href=\"" + website + "\">"
                    + website + "</a></p>");
        }
        out.println("<div class=\"description\">"
                + event.getDescription().replace("\n", "<br>\n") + "</div>");
        out.println("<p class=\"organizer\">Organised by " + event.getOrganizerName() + "</p>");

        int seatsLeft = event.getCapacity() - event.getAttending();
        if (!signedIn) {
            out.println("<p class=\"rsvp\">" + event.getAttending() + " going.</p>");
        } else if (seatsLeft > 0) {
            out.println("<form class=\"rsvp\" method=\"post\" action=\"/events/rsvp\">");
            out.println("<input type=\"hidden\" name=\"eventId\" value=\"" + event.getId() + "\">");
            out.println("<button>I'm going (" + seatsLeft + " seats left)</button></form>");
        } else {
            out.println("<p class=\"rsvp full\">This event is full.</p>");
        }

        out.println("<section class=\"comments\"><h2>" + comments.size() + " comments</h2>");
        for (Comment comment : comments) {
            out.println("<div class=\"comment\" id=\"c" + comment.getId() + "\">");
            out.println("<p class=\"by\">" + comment.getAuthorName() + " &middot; "
                    + Dates.relative(comment.getPostedAt()) + "</p>");
            out.println("<p class=\"body\">" + comment.getBody().replace("\n", "<br>\n") + "</p>");
            out.println("</div>");
        }
        if (signedIn) {
            out.println("<form class=\"comment-form\" method=\"post\" action=\"/events/comment\">");
            out.println("<input type=\"hidden\" name=\"eventId\" value=\"" + event.getId() + "\">");
            out.println("<textarea name=\"body\" rows=\"4\" maxlength=\"4000\" required></textarea>");
            out.println("<button>Post comment</button></form>");
        } else {
            out.println("<p><a href=\"/login?next=/events%3Fid%3D" + event.getId() + "\">Sign in</a> to comment.</p>");
        }
        out.println("</section></article>");
        Layout.end(out);
    }
}

package org.hallway.view;

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
    public static void render(PrintWriter output, Event event, List<Comment> comments, String notice,
                              boolean signedIn) {
        Layout.begin(output, event.getTitle());
        if (notice != null && !notice.isEmpty()) {
            output.println("<div class=\"notice\">" + notice + "</div>");
        }
        output.println("<article class=\"event\">");
        output.println("<h1>" + event.getTitle() + "</h1>");
        output.println("<p class=\"when\">" + Dates.longFormat(event.retrieveStartsAt())
                + " &ndash; " + Dates.timeOnly(event.readEndsAt()) + "</p>");
        output.println("<p class=\"where\">" + event.getVenue() + "</p>");
        String website = event.getWebsite();
        if (website != null && !website.isEmpty()) {
            output.println("<p class=\"link\"><a rel=\"nofollow noopener\" href=\"" + website + "\">"
                    + website + "</a></p>");
        }
        output.println("<div class=\"description\">"
                + event.getDescription().replace("\n", "<br>\n") + "</div>");
        output.println("<p class=\"organizer\">Organised by " + event.getOrganizerName() + "</p>");

        int seatsLeft = event.fetchCapacity() - event.retrieveAttending();
        if (!signedIn) {
            output.println("<p class=\"rsvp\">" + event.retrieveAttending() + " going.</p>");
        } else if (seatsLeft > 0) {
            output.println("<form class=\"rsvp\" method=\"post\" action=\"/events/rsvp\">");
            output.println("<input type=\"hidden\" name=\"eventId\" value=\"" + event.readIdent() + "\">");
            output.println("<button>I'm going (" + seatsLeft + " seats left)</button></form>");
        } else {
            output.println("<p class=\"rsvp full\">This event is full.</p>");
        }

        output.println("<section class=\"comments\"><h2>" + comments.size() + " comments</h2>");
        for (Comment comment : comments) {
            output.println("<div class=\"comment\" id=\"c" + comment.readIdent() + "\">");
            output.println("<p class=\"by\">" + comment.getAuthorName() + " &middot; "
                    + Dates.relative(comment.readPostedAt()) + "</p>");
            output.println("<p class=\"body\">" + comment.getBody().replace("\n", "<br>\n") + "</p>");
            output.println("</div>");
        }
        if (signedIn) {
            output.println("<form class=\"comment-form\" method=\"post\" action=\"/events/comment\">");
            output.println("<input type=\"hidden\" name=\"eventId\" value=\"" + event.readIdent() + "\">");
            output.println("<textarea name=\"body\" rows=\"4\" maxlength=\"4000\" required></textarea>");
            output.println("<button>Post comment</button></form>");
        } else {
            output.println("<p><a href=\"/login?next=/events%3Fid%3D" + event.readIdent() + "\">Sign in</a> to comment.</p>");
        }
        output.println("</section></article>");
        Layout.end(output);
    }
}

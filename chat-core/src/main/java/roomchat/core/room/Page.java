package roomchat.core.room;

/**
 * Which part of a long answer to show: page {@code number} (from 1) of {@code size} entries. Answers
 * that grow with the server ({@code :rooms}, {@code :who}) are shown a page at a time, so that one
 * answer stays small whatever the server holds.
 *
 * @param number the page, from 1
 * @param size   the most entries on a page
 */
public record Page(int number, int size) {

    public Page {
        if (number < 1 || size < 1) {
            throw new IllegalArgumentException("page " + number + " of size " + size);
        }
    }

    /** How many entries come before this page. */
    public long offset() {
        return (long) (number - 1) * size;
    }

    /** How many pages {@code total} entries fill; at least one, so that an empty list has a first page. */
    public int pagesFor(int total) {
        return Math.max(1, (total + size - 1) / size);
    }
}

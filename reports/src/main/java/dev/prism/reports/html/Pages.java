package dev.prism.reports.html;

/** Page file names and the pager shown on split pages. */
final class Pages {
  private Pages() {}

  /**
   * The file name of page {@code page} (1-based) of a paged list whose first page is {@code
   * stem.html}: {@code stem~p2.html}, … The {@code ~} never occurs in a slug, so these names cannot
   * clash with another run's page.
   */
  static String file(String stem, int page) {
    return page == 1 ? stem + ".html" : stem + "~p" + page + ".html";
  }

  /** The number of pages for {@code items} items, at least 1. */
  static int count(int items, int perPage) {
    return Math.max(1, (items + perPage - 1) / perPage);
  }

  /** A pager linking the pages; nothing when there is one page. */
  static void pager(StringBuilder sb, String fileStem, int page, int pages) {
    if (pages <= 1) {
      return;
    }
    sb.append("<nav class=\"pages\">Page ").append(page).append(" of ").append(pages).append(": ");
    for (int p = 1; p <= pages; p++) {
      if (p == page) {
        sb.append("<strong>").append(p).append("</strong>");
      } else {
        sb.append("<a href=\"").append(file(fileStem, p)).append("\">").append(p).append("</a>");
      }
    }
    sb.append("</nav>\n");
  }
}

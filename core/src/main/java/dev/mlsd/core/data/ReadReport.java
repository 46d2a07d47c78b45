package dev.mlsd.core.data;

import java.util.List;

/**
 * What a {@link DelimitedReader} pass saw: every row is either accepted or counted as malformed,
 * never dropped silently.
 *
 * @param source the file read
 * @param rows data rows seen (header excluded)
 * @param accepted rows the handler accepted
 * @param malformed rows refused (wrong column count, unparsable field, ...)
 * @param firstProblems the first few malformed rows, with line numbers and reasons
 */
public record ReadReport(
    String source, long rows, long accepted, long malformed, List<RowProblem> firstProblems) {
  public ReadReport {
    firstProblems = List.copyOf(firstProblems);
  }

  /**
   * One line for logs and demos, e.g. "train.txt: 10000 rows, 9998 accepted, 2 malformed (line 7:
   * ...)".
   */
  public String summary() {
    StringBuilder sb = new StringBuilder();
    sb.append(source)
        .append(": ")
        .append(rows)
        .append(" rows, ")
        .append(accepted)
        .append(" accepted, ");
    sb.append(malformed).append(" malformed");
    if (!firstProblems.isEmpty()) {
      sb.append(" (first: ").append(firstProblems.getFirst()).append(')');
    }
    return sb.toString();
  }
}

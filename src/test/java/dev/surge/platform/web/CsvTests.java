package dev.surge.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTests {

    @Test
    void quotesOnlyWhatNeedsItAndDoublesQuotes() {
        assertThat(Csv.line(List.of("plain", "a,b", "say \"hi\"", "two\nlines", "cr\rhere", ""))).isEqualTo(
                "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\rhere\",\r\n");
        assertThat(Csv.line(Arrays.asList("x", null, "y"))).isEqualTo("x,,y\r\n");
    }

    @Test
    void safeLinesNeutraliseEveryFormulaStart() {
        for (String formula : List.of("=1+2", "+1", "-1", "@SUM(A1)", "\tcmd", "\rcmd")) {
            assertThat(Csv.neutralised(formula)).isEqualTo("'" + formula);
        }
        assertThat(Csv.neutralised("Desk lamp")).isEqualTo("Desk lamp");
        assertThat(Csv.neutralised("a=b")).isEqualTo("a=b");
        assertThat(Csv.neutralised("")).isEmpty();
        assertThat(Csv.safeLine(List.of("=HYPERLINK(\"http://x\",\"y\")", "ok")))
                .isEqualTo("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",ok\r\n");
        assertThat(Csv.safeLine(List.of("\rx"))).isEqualTo("\"'\rx\"\r\n");
        assertThat(Csv.line(List.of("=1"))).isEqualTo("=1\r\n");
    }
}

package io.palisade.mgmt.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The strict parser accepts valid expositions and refuses each kind of mistake with the line it is on. */
class PrometheusTextParserTest {
    @Test
    void parsesFamiliesLabelsEscapesAndSpecialValues() {
        String text = """
                # HELP up Whether it is up, with a back\\\\slash and a\\nnewline
                # TYPE up gauge
                up{job="node",path="C:\\\\x",quote="say \\"hi\\"",nl="a\\nb"} 1
                up{job="other",} 0 1700000000000
                # a plain comment
                # TYPE requests_total counter
                requests_total 1.5e3

                # TYPE latency histogram
                latency_bucket{le="0.1"} 3
                latency_bucket{le="+Inf"} 5
                latency_sum 0.7
                latency_count 5
                # TYPE odd untyped
                odd NaN
                odd{x="1"} -Inf
                """;
        Map<String, PrometheusTextParser.Family> f = PrometheusTextParser.parse(text);
        assertThat(f.keySet()).containsExactly("up", "requests_total", "latency", "odd");
        assertThat(f.get("up").help()).isEqualTo("Whether it is up, with a back\\slash and a\nnewline");
        assertThat(f.get("up").samples().get(0).labels())
                .containsEntry("path", "C:\\x")
                .containsEntry("quote", "say \"hi\"")
                .containsEntry("nl", "a\nb");
        assertThat(f.get("up").samples().get(1).timestampMs()).isEqualTo(1_700_000_000_000L);
        assertThat(f.get("requests_total").value()).isEqualTo(1500.0);
        assertThat(f.get("latency").samples()).hasSize(4);
        assertThat(f.get("latency").value("le", "+Inf")).isEqualTo(5.0);
        assertThat(f.get("odd").samples().get(0).value()).isNaN();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            sample without TYPE               | x 1\\n                                                             | no TYPE line
            TYPE twice                        | # TYPE x gauge\\n# TYPE x gauge\\n                                  | given twice
            HELP twice                        | # HELP x a\\n# HELP x b\\n                                          | second HELP
            unknown type                      | # TYPE x meter\\n                                                  | unknown type
            family split in two runs          | # TYPE a gauge\\na 1\\n# TYPE b gauge\\nb 1\\na{x="1"} 2\\n           | not together
            repeated series                   | # TYPE a gauge\\na{x="1"} 1\\na{x="1"} 2\\n                          | given twice
            duplicate label                   | # TYPE a gauge\\na{x="1",x="2"} 1\\n                                 | label x given twice
            unquoted label                    | # TYPE a gauge\\na{x=1} 1\\n                                          | not quoted
            unknown escape                    | # TYPE a gauge\\na{x="\\t"} 1\\n                                     | unknown escape
            bad value                         | # TYPE a gauge\\na 1,5\\n                                             | not a number
            bad timestamp                     | # TYPE a gauge\\na 1 1.5\\n                                           | not an integer
            bad metric name                   | # TYPE 1a gauge\\n                                                   | bad metric name
            reserved label name               | # TYPE a gauge\\na{__x="1"} 1\\n                                      | bad label name
            no final newline                  | # TYPE a gauge\\na 1                                                 | no newline
            unterminated label value          | # TYPE a gauge\\na{x="1} 1\\n                                         | unterminated
            missing value                     | # TYPE a gauge\\na{x="1"}\\n                                          | expected a space
            """)
    void refuses(String what, String text, String message) {
        String exposition = text.strip().replace("\\n", "\n");
        assertThatThrownBy(() -> PrometheusTextParser.parse(exposition))
                .as(what)
                .isInstanceOf(PrometheusTextParser.ParseException.class)
                .hasMessageContaining(message)
                .hasMessageStartingWith("line ");
    }

    @Test
    void writerOutputParsesBack() {
        PrometheusText w = new PrometheusText();
        w.gauge("palisade_x", "help with \\ and\nnewline").sample(1.25, "a", "q\"uote\\back\nslash");
        w.counter("palisade_y_total", "c").sample(3).sample(4, "k", "v");
        var f = PrometheusTextParser.parse(w.text());
        assertThat(f.get("palisade_x").help()).isEqualTo("help with \\ and\nnewline");
        assertThat(f.get("palisade_x").samples().getFirst().labels()).containsEntry("a", "q\"uote\\back\nslash");
        assertThat(f.get("palisade_y_total").type()).isEqualTo("counter");
        assertThat(f.get("palisade_y_total").samples()).hasSize(2);
        assertThatThrownBy(() -> w.gauge("palisade_x", "again")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> w.gauge("bad-name", "x")).isInstanceOf(IllegalArgumentException.class);
    }
}

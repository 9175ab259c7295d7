package dev.surge.reviews.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.CharacterEscapes;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Review answers as JSON in which the characters HTML gives meaning to ({@code < > & '}) are written as
 * {@code \u003C}-style escapes. A JSON string is already inert under the API's {@code Content-Type}, {@code nosniff}
 * and {@code default-src 'none'} headers; this keeps buyer-written text inert too where someone pastes the JSON
 * into a page ({@code <script>} blocks, server-side templates): the bytes never contain a tag. The text itself is
 * unchanged for any JSON reader.
 */
@Component
class ReviewJson {

    private final ObjectWriter writer;

    ReviewJson(JsonMapper json) {
        this.writer = json.writer().with(new HtmlSafe());
    }

    Mono<ServerResponse> answer(HttpStatus status, Object body) {
        return ServerResponse.status(status).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(writer.writeValueAsBytes(body));
    }

    private static final class HtmlSafe extends CharacterEscapes {

        private final int[] codes;

        HtmlSafe() {
            codes = CharacterEscapes.standardAsciiEscapesForJSON();
            for (char c : new char[] {'<', '>', '&', '\''}) {
                codes[c] = CharacterEscapes.ESCAPE_STANDARD;
            }
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return codes;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return null;
        }
    }
}

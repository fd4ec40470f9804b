package dev.switchboard.transcription.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.shared.http.RetryAfter;
import dev.switchboard.shared.json.Json;
import dev.switchboard.shared.queue.RetryLater;
import dev.switchboard.transcription.Transcript;
import dev.switchboard.transcription.TranscriptSentence;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * OpenAI's speech-to-text ({@code POST {OPENAI_BASE_URL}/v1/audio/transcriptions}): the archived audio is
 * streamed from S3 into a {@code multipart/form-data} body (with its length known up front, never held in
 * memory), {@code response_format=verbose_json} for segments with timing and the detected language.
 *
 * <p>A file over the upload limit (25 MB) cannot be taken: it is skipped with the reason, never retried.
 * 429, 5xx and timeouts are retried through the queue (Retry-After honoured); other 4xx are permanent,
 * described with OpenAI's error type, code and message (with anything that looks like a key blanked out).
 */
public final class WhisperEngine implements TranscriptionEngine {

    /** OpenAI's upload limit for audio/transcriptions: 25 MB. */
    public static final long UPLOAD_LIMIT_BYTES = 25L * 1024 * 1024;

    private final HttpClient http;
    private final URI endpoint;
    private final Supplier<String> apiKey;
    private final String model;
    private final long maxBytes;
    private final Duration timeout;
    private final AudioSource audio;
    private final Clock clock;

    /**
     * @param baseUrl  e.g. https://api.openai.com (no trailing slash)
     * @param apiKey   asked for on every request, so a rotated key is used without a new container
     * @param maxBytes the largest file sent, at most {@link #UPLOAD_LIMIT_BYTES}
     * @param timeout  for the whole request, upload and transcription included
     */
    public WhisperEngine(HttpClient http, String baseUrl, Supplier<String> apiKey, String model, long maxBytes,
                         Duration timeout, AudioSource audio, Clock clock) {
        this.http = http;
        this.endpoint = URI.create(baseUrl + "/v1/audio/transcriptions");
        this.apiKey = apiKey;
        this.model = model;
        this.maxBytes = Math.min(maxBytes, UPLOAD_LIMIT_BYTES);
        this.timeout = timeout;
        this.audio = audio;
        this.clock = clock;
    }

    @Override
    public EngineName name() {
        return EngineName.OPENAI_WHISPER;
    }

    @Override
    public EngineResult transcribe(RecordingAudio recording) {
        long size = recording.sizeBytes() != null ? recording.sizeBytes() : audio.size(recording.bucket(), recording.key());
        if (size > maxBytes) {
            return tooLarge(size);
        }
        HttpResponse<String> response;
        try (AudioSource.Opened opened = audio.open(recording.bucket(), recording.key())) {
            if (opened.length() > maxBytes) {
                return tooLarge(opened.length());
            }
            response = send(recording, opened);
        } catch (HttpTimeoutException e) {
            throw new RetryLater("OpenAI did not answer within " + timeout.getSeconds() + " s", e);
        } catch (IOException e) {
            throw new RetryLater("could not send the recording to OpenAI: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetryLater("interrupted while OpenAI was transcribing", e);
        }
        int status = response.statusCode();
        if (status == 200) {
            return new EngineResult.Completed(parse(response.body()));
        }
        String error = describeError(status, response.body());
        if (status == 429 || status >= 500 || status == 408) {
            throw new RetryLater("OpenAI asked to retry: " + error, null,
                    RetryAfter.parse(response.headers().firstValue("retry-after").orElse(null), clock).orElse(null));
        }
        if (status == 413) {
            return new EngineResult.CannotTake("OpenAI refused the file as too large: " + error);
        }
        throw new EngineFailure("OpenAI refused the transcription: " + error);
    }

    private EngineResult tooLarge(long size) {
        return new EngineResult.CannotTake(String.format(Locale.ROOT,
                "the recording is %.1f MB, over Whisper's %d MB upload limit", size / 1048576.0, maxBytes / 1048576));
    }

    private HttpResponse<String> send(RecordingAudio recording, AudioSource.Opened opened)
            throws IOException, InterruptedException {
        String boundary = "switchboard-" + UUID.randomUUID();
        String contentType = recording.contentType() != null ? recording.contentType()
                : opened.contentType() != null ? opened.contentType() : "audio/mpeg";
        byte[] head = (field(boundary, "model", model)
                + field(boundary, "response_format", "verbose_json")
                + "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"" + fileName(recording) + "\"\r\n"
                + "Content-Type: " + contentType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        long length = head.length + opened.length() + tail.length;
        InputStream body = new SequenceInputStream(Collections.enumeration(List.of(
                new ByteArrayInputStream(head), opened.stream(), new ByteArrayInputStream(tail))));
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(timeout)
                .header("Authorization", "Bearer " + apiKey.get())
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> body), length))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static String field(String boundary, String name, String value) {
        return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
    }

    /** "RE0123....mp3": the API reads the format from the file name's extension. */
    static String fileName(RecordingAudio recording) {
        String key = recording.key() == null ? "" : recording.key();
        int dot = key.lastIndexOf('.');
        String extension = dot >= 0 && dot > key.lastIndexOf('/') ? key.substring(dot) : ".mp3";
        return recording.recordingSid() + extension.toLowerCase(Locale.ROOT);
    }

    /** verbose_json: {@code language} (a name, "english"), {@code text}, {@code segments[].start/end/text}. */
    Transcript parse(String body) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new EngineFailure("OpenAI answered 200 with a body that is not JSON");
        }
        List<TranscriptSentence> sentences = new ArrayList<>();
        JsonNode segments = root.path("segments");
        if (segments.isArray() && segments.size() > 0) {
            int index = 0;
            for (JsonNode segment : segments) {
                String text = segment.path("text").asText("").trim();
                if (!text.isEmpty()) {
                    sentences.add(new TranscriptSentence(index, null, null, number(segment, "start"),
                            number(segment, "end"), text, null));
                }
                index++;
            }
        } else if (!root.path("text").asText("").isBlank()) {
            sentences.add(new TranscriptSentence(0, null, null, null, null, root.path("text").asText(), null));
        }
        return new Transcript(EngineName.OPENAI_WHISPER.id(), languageCode(root.path("language").asText(null)),
                Optional.empty(), sentences);
    }

    private static Double number(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isNumber() ? value.asDouble() : null;
    }

    /** Whisper names the language ("english"); stored as its ISO 639-1 code ("en") when there is one. */
    static Optional<String> languageCode(String language) {
        if (language == null || language.isBlank()) {
            return Optional.empty();
        }
        String wanted = language.trim().toLowerCase(Locale.ROOT);
        if (wanted.length() == 2) {
            return Optional.of(wanted);
        }
        for (String code : Locale.getISOLanguages()) {
            if (new Locale(code).getDisplayLanguage(Locale.ENGLISH).toLowerCase(Locale.ROOT).equals(wanted)) {
                return Optional.of(code);
            }
        }
        return Optional.of(wanted);
    }

    /** OpenAI's {@code {"error": {"message", "type", "code"}}}, as one line, keys blanked out. */
    static String describeError(int status, String body) {
        StringBuilder text = new StringBuilder("HTTP ").append(status);
        try {
            JsonNode error = Json.MAPPER.readTree(body == null ? "" : body).path("error");
            if (error.isObject()) {
                if (error.hasNonNull("type")) {
                    text.append(' ').append(error.get("type").asText());
                }
                if (error.hasNonNull("code")) {
                    text.append(" (").append(error.get("code").asText()).append(')');
                }
                if (error.hasNonNull("message")) {
                    text.append(": ").append(error.get("message").asText());
                }
                return redact(text.toString());
            }
        } catch (IOException | RuntimeException notJson) {
            // fall through: describe the raw body
        }
        String raw = body == null ? "" : body.replaceAll("\\s+", " ").trim();
        return redact(text.append(": ").append(raw.length() > 200 ? raw.substring(0, 200) + "…" : raw).toString());
    }

    /** OpenAI echoes a partly masked key in "Incorrect API key provided: sk-ab***yz": never log any of it. */
    static String redact(String text) {
        return text.replaceAll("sk-[A-Za-z0-9_*\\-]+", "sk-[redacted]").replace("\n", " ");
    }
}

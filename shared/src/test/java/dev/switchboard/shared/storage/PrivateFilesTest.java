package dev.switchboard.shared.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.emulators.AwsEmulators;
import dev.switchboard.shared.config.AwsSettings;
import dev.switchboard.shared.config.Env;
import dev.switchboard.shared.testing.Emulators;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** Against s3proxy: the link fetches the object with the content type asked for; the text is cut at the limit. */
class PrivateFilesTest {

    final Emulators aws = Emulators.shared();
    final String bucket = aws.resources().bucketName("RecordingsBucket");
    final AwsSettings settings = new AwsSettings(Env.of(Map.of("AWS_REGION", "us-east-1")))
            .withEndpoint(aws.aws().s3Endpoint(), AwsEmulators.ACCESS_KEY_ID, AwsEmulators.SECRET_ACCESS_KEY);

    PrivateFiles files(S3Presigner presigner, S3Client s3) {
        return new PrivateFiles(presigner, s3);
    }

    @Test
    void aPresignedLinkFetchesTheObjectWithTheContentTypeAskedForAndSaysHowLongItLives() throws Exception {
        String key = "recordings/test/" + UUID.randomUUID() + ".mp3";
        aws.aws().s3().putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(new byte[] {1, 2, 3}));
        try (S3Presigner presigner = S3Clients.presigner(settings); S3Client s3 = S3Clients.create(settings, Duration.ofSeconds(5))) {
            String link = files(presigner, s3).presignedGet(bucket, key, "audio/mpeg", Duration.ofMinutes(10));

            assertThat(link).contains(key).contains("X-Amz-Expires=600").contains("response-content-type=audio%2Fmpeg");
            HttpResponse<byte[]> fetched = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(link)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(fetched.statusCode()).isEqualTo(200);
            assertThat(fetched.body()).containsExactly(1, 2, 3);
            assertThat(fetched.headers().firstValue("Content-Type")).contains("audio/mpeg");
        }
    }

    @Test
    void theTextIsReadAsUtf8UpToTheLimitAndAMissingObjectThrows() {
        String key = "transcripts/test/" + UUID.randomUUID() + ".txt";
        aws.aws().s3().putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString("Ça va? The brakes squeal."));
        try (S3Presigner presigner = S3Clients.presigner(settings); S3Client s3 = S3Clients.create(settings, Duration.ofSeconds(5))) {
            PrivateFiles files = files(presigner, s3);
            assertThat(files.readText(bucket, key, 1000)).isEqualTo("Ça va? The brakes squeal.");
            assertThat(files.readText(bucket, key, 7)).isEqualTo("Ça va?");
            assertThatThrownBy(() -> files.readText(bucket, key + ".missing", 1000)).isInstanceOf(RuntimeException.class);
        }
    }
}

package io.socon.messaging.impl.mls.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import io.socon.messaging.impl.mls.MlsTestVectors;
import io.socon.messaging.impl.mls.crypto.Kdf;
import io.socon.messaging.impl.mls.framing.AuthenticatedContent;
import io.socon.messaging.impl.mls.framing.ContentType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** transcript-hashes.json (suite 3): AuthenticatedContent round trip, confirmation tag, both hashes. */
class TranscriptHashesVectorTest {

    @Test
    void transcriptHashesJson() {
        List<JsonObject> entries = MlsTestVectors.loadSuite3("transcript-hashes.json");
        assertThat(entries).isNotEmpty();
        for (JsonObject entry : entries) {
            byte[] encoded = MlsTestVectors.hex(entry, "authenticated_content");
            AuthenticatedContent content = AuthenticatedContent.decode(encoded);
            assertThat(content.content().contentType()).isEqualTo(ContentType.COMMIT);
            assertThat(content.toBytes()).isEqualTo(encoded);

            byte[] confirmed = TranscriptHashes.confirmed(MlsTestVectors.hex(entry, "interim_transcript_hash_before"),
                    content);
            assertThat(confirmed).isEqualTo(MlsTestVectors.hex(entry, "confirmed_transcript_hash_after"));

            byte[] tag = content.auth().confirmationTag().orElseThrow().toByteArray();
            assertThat(Kdf.mac(MlsTestVectors.hex(entry, "confirmation_key"), confirmed)).isEqualTo(tag);

            byte[] interim = TranscriptHashes.interim(confirmed, content.auth().confirmationTag().orElseThrow());
            assertThat(interim).isEqualTo(MlsTestVectors.hex(entry, "interim_transcript_hash_after"));
            assertThat(TranscriptHashes.afterCommit(MlsTestVectors.hex(entry, "interim_transcript_hash_before"),
                    content)[1]).isEqualTo(interim);
        }
    }
}

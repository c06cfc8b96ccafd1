package com.betanet.marketplace.shared.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class CursorCodecTests {

    record Position(long price, UUID id) {}

    private final CursorCodec codec = new CursorCodec(JsonMapper.builder().build(), "a-secret", "");

    @Test
    void roundTripsAPosition() {
        var position = new Position(150_000, UUID.randomUUID());
        assertThat(codec.decode(codec.encode(position), Position.class)).isEqualTo(position);
    }

    @Test
    void refusesTamperedForeignAndGarbageCursors() {
        var cursor = codec.encode(new Position(1, UUID.randomUUID()));
        var chars = cursor.toCharArray();
        chars[3] = chars[3] == 'x' ? 'y' : 'x'; // one changed character of the payload
        var forged = new String(chars);
        var otherServer = new CursorCodec(JsonMapper.builder().build(), "another-secret", "");

        for (var bad : new String[] {
            forged, otherServer.encode(new Position(1, UUID.randomUUID())), "garbage", ".", "a.b", "%%%.%%%", ""
        }) {
            assertThatThrownBy(() -> codec.decode(bad, Position.class))
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.status().value()).isEqualTo(400);
                        assertThat(e.code()).isEqualTo("validation_failed");
                    });
        }
    }

    @Test
    void nodesSharingTheJwtKeyShareCursors() {
        var nodeA = new CursorCodec(JsonMapper.builder().build(), "", "-----BEGIN PRIVATE KEY-----x");
        var nodeB = new CursorCodec(JsonMapper.builder().build(), "", "-----BEGIN PRIVATE KEY-----x");
        var position = new Position(7, UUID.randomUUID());
        assertThat(nodeB.decode(nodeA.encode(position), Position.class)).isEqualTo(position);
    }
}

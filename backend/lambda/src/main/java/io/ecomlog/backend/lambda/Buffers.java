package io.ecomlog.backend.lambda;

import java.nio.ByteBuffer;

/** The bytes of the buffers Lambda's event classes hold, copied without moving the buffer's position. */
public final class Buffers {

    private Buffers() {
    }

    public static byte[] bytes(ByteBuffer data) {
        var copy = data.duplicate();
        var out = new byte[copy.remaining()];
        copy.get(out);
        return out;
    }
}

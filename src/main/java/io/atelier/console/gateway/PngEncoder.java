package io.atelier.console.gateway;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/**
 * Encodes images as PNG, the one image format every Guacamole client must accept (the {@code image}
 * handshake instruction only adds optional ones). Uses ImageIO without its disk cache.
 */
public final class PngEncoder {

    static {
        ImageIO.setUseCache(false);
    }

    private PngEncoder() {
    }

    public static byte[] encode(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        try {
            if (!ImageIO.write(image, "png", out)) {
                throw new IllegalStateException("no PNG writer in this JVM");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}

package io.atelier.console.gateway;

import java.awt.image.BufferedImage;

/**
 * The gateway's copy of the remote desktop: width x height pixels as 0xRRGGBB ints, row-major. The
 * RFB client decodes Raw rectangles into it (pixel format 32 bpp little-endian, shifts R16 G8 B0, so
 * the four bytes of a pixel are blue, green, red, padding); regions of it are then sent to the
 * Guacamole client as PNG.
 */
public final class Framebuffer {

    private int width;
    private int height;
    private int[] pixels;

    public Framebuffer(int width, int height) {
        resize(width, height);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** Reallocates to the new size (RFB DesktopSize); the content becomes black. */
    public void resize(int width, int height) {
        if (width < 0 || height < 0 || (long) width * height > 64L * 1024 * 1024) {
            throw new IllegalArgumentException("unsupported framebuffer size " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
        this.pixels = new int[width * height];
    }

    /** True if the rectangle lies entirely inside the framebuffer. */
    public boolean contains(int x, int y, int w, int h) {
        return x >= 0 && y >= 0 && w >= 0 && h >= 0 && x + w <= width && y + h <= height;
    }

    /**
     * Copies one row of {@code w} pixels from {@code data} (4 bytes per pixel, B G R X) at
     * {@code offset} to row {@code y} starting at column {@code x}.
     */
    public void setRowBgrx(int x, int y, int w, byte[] data, int offset) {
        int target = y * width + x;
        for (int i = 0; i < w; i++, offset += 4) {
            pixels[target + i] = (data[offset] & 0xff) | (data[offset + 1] & 0xff) << 8 | (data[offset + 2] & 0xff) << 16;
        }
    }

    /** The pixel at (x, y) as 0xRRGGBB. */
    public int pixel(int x, int y) {
        return pixels[y * width + x];
    }

    /** A copy of the rectangle as an opaque RGB image. */
    public BufferedImage region(int x, int y, int w, int h) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, w, h, pixels, y * width + x, width);
        return image;
    }
}

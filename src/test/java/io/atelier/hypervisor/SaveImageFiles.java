package io.atelier.hypervisor;

/** Save images laid out as libvirt writes them, for the tests of other packages (see SaveImageTest). */
public final class SaveImageFiles {

    private SaveImageFiles() {
    }

    /** A whole save image of {@link SaveImageTest#XML} with a stream of {@code streamBytes}. */
    public static byte[] valid(int streamBytes) {
        return SaveImageTest.image(SaveImage.MAGIC, 2, SaveImageTest.XML, SaveImageTest.COOKIE, SaveImageTest.stream(streamBytes));
    }
}

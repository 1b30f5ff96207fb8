package io.atelier.hypervisor;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A libvirt QEMU save image ({@code virsh save}): libvirt's header, the domain's XML and the
 * save cookie, then QEMU's migration stream; and a copy of it with another domain XML.
 * <p>
 * Why by hand: libvirt restores an image only under the name, UUID and MACs it was saved
 * with (its ABI check refuses others, in {@code virDomainRestoreFlags} and
 * {@code virDomainSaveImageDefineXML} alike), while a shape's one booted image must give many
 * machines; no library reads this format. The layout is libvirt's on-disk ABI
 * ({@code src/qemu/qemu_saveimage.h}): the 16-byte magic {@code LibvirtQemudSave}, then
 * {@code version}, {@code data_len}, {@code was_running}, {@code format},
 * {@code cookieOffset} and 14 unused words, each a 32-bit integer in the host's order
 * (little-endian here); {@code data_len} bytes of XML (NUL-terminated), cookie
 * (NUL-terminated, at {@code cookieOffset} when not 0) and zero padding; the stream.
 */
public final class SaveImage {

    static final byte[] MAGIC = "LibvirtQemudSave".getBytes(StandardCharsets.US_ASCII);
    static final byte[] PARTIAL = "LibvirtQemudPart".getBytes(StandardCharsets.US_ASCII);
    /** The versions of the header this class reads; 2 is libvirt's since 0.9 (compressed images). */
    static final int VERSION = 2;
    /** Magic, 5 words, 14 unused words. */
    static final int HEADER_BYTES = 16 + 19 * 4;

    private final Path file;
    private final ByteBuffer header;
    private final int dataLength;
    private final int format;
    private final String xml;
    private final byte[] cookie;

    private SaveImage(Path file, ByteBuffer header, int dataLength, int format, String xml, byte[] cookie) {
        this.file = file;
        this.header = header;
        this.dataLength = dataLength;
        this.format = format;
        this.xml = xml;
        this.cookie = cookie;
    }

    /** Reads the header of the image at {@code file}; a clear {@link IOException} for anything else. */
    public static SaveImage read(Path file) throws IOException {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            readFully(in, header, file, "its header");
            byte[] magic = new byte[16];
            header.get(0, magic);
            if (java.util.Arrays.equals(magic, PARTIAL)) {
                throw new IOException(file + " is an incomplete save image (libvirt stopped while writing it)");
            }
            if (!java.util.Arrays.equals(magic, MAGIC)) {
                throw new IOException(file + " is not a libvirt QEMU save image (no LibvirtQemudSave magic)");
            }
            int version = header.getInt(16);
            int dataLength = header.getInt(20);
            int format = header.getInt(28);
            int cookieOffset = header.getInt(32);
            if (version != VERSION) {
                throw new IOException(file + ": save image version " + version + "; expected " + VERSION);
            }
            if (dataLength <= 0 || dataLength > 16 << 20 || cookieOffset < 0 || cookieOffset > dataLength) {
                throw new IOException(file + ": save image header out of bounds (data_len " + dataLength
                        + ", cookieOffset " + cookieOffset + ")");
            }
            ByteBuffer data = ByteBuffer.allocate(dataLength);
            readFully(in, data, file, "its domain XML");
            byte[] bytes = data.array();
            int xmlEnd = cookieOffset > 0 ? cookieOffset : dataLength;
            String xml = new String(bytes, 0, nulAt(bytes, 0, xmlEnd), StandardCharsets.UTF_8);
            byte[] cookie = new byte[0];
            if (cookieOffset > 0) {
                int end = nulAt(bytes, cookieOffset, dataLength);
                cookie = java.util.Arrays.copyOfRange(bytes, cookieOffset, end);
            }
            return new SaveImage(file, header, dataLength, format, xml, cookie);
        }
    }

    /** The domain XML the image restores. */
    public String xml() {
        return xml;
    }

    /** 0 for a raw stream (what {@code virsh save} writes by default). */
    public int format() {
        return format;
    }

    /**
     * Writes to {@code target} this image with {@code newXml} as its domain XML: same header
     * (same space for XML and cookie), same cookie, same stream. Written next to the target
     * and moved into place, so a half-written copy is never restored. Not forced to the disk:
     * a copy lives for one restore and is deleted after it, before the kernel writes it back
     * (forcing its 150-200 MB took seconds of a busy disk, on a lab's critical path).
     *
     * @throws IOException when {@code newXml} does not fit the space the image reserved
     */
    public void copyWithXml(String newXml, Path target) throws IOException {
        byte[] xmlBytes = (newXml + "\0").getBytes(StandardCharsets.UTF_8);
        byte[] cookieBytes = cookie.length == 0 ? cookie : java.util.Arrays.copyOf(cookie, cookie.length + 1);
        if (xmlBytes.length + cookieBytes.length > dataLength) {
            throw new IOException("the new domain XML (" + xmlBytes.length + " bytes) does not fit the "
                    + (dataLength - cookieBytes.length) + " bytes " + file + " reserves for it");
        }
        ByteBuffer newHeader = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN)
                .put(header.duplicate().clear());
        newHeader.putInt(32, cookieBytes.length == 0 ? 0 : xmlBytes.length);
        ByteBuffer data = ByteBuffer.allocate(dataLength).put(xmlBytes).put(cookieBytes);
        Path partial = target.resolveSibling(target.getFileName() + ".part");
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ);
                FileChannel out = FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING)) {
            writeFully(out, newHeader.flip());
            writeFully(out, data.clear());
            long from = HEADER_BYTES + (long) dataLength;
            long size = in.size() - from;
            for (long done = 0; done < size;) {
                long n = in.transferTo(from + done, size - done, out);
                if (n <= 0) throw new IOException("copying the stream of " + file + " stopped at byte " + (from + done));
                done += n;
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static int nulAt(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == 0) return i;
        }
        return to;
    }

    private static void readFully(FileChannel in, ByteBuffer into, Path file, String what) throws IOException {
        while (into.hasRemaining()) {
            if (in.read(into) < 0) throw new IOException(file + " ends before " + what + " does: not a complete save image");
        }
    }

    private static void writeFully(FileChannel out, ByteBuffer from) throws IOException {
        while (from.hasRemaining()) {
            out.write(from);
        }
    }
}

package io.atelier.hypervisor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A save image laid out as libvirt writes one (header, XML, cookie, 64 KiB of padding, then
 * the stream) is copied with another domain XML: the stream byte for byte, the cookie kept;
 * what is not a complete image, or an XML too large for its space, is refused with a reason.
 * The copy restored on a real VM: the spike of DESIGN.md's "Instant labs".
 */
class SaveImageTest {

    static final String XML = "<domain type='qemu'><name>forme</name><uuid>11111111-2222-3333-4444-555555555555</uuid>"
            + "<devices><interface type='network'><mac address='52:54:00:aa:00:01'/></interface></devices></domain>\n";
    static final String COOKIE = "<cookie><cpu mode='custom'/></cookie>\n";

    @TempDir
    Path dir;

    /** An image as libvirt's virQEMUSaveDataWrite lays it out, with {@code stream} after it. */
    static byte[] image(byte[] magic, int version, String xml, String cookie, byte[] stream) {
        byte[] x = (xml + "\0").getBytes(StandardCharsets.UTF_8);
        byte[] c = cookie == null ? new byte[0] : (cookie + "\0").getBytes(StandardCharsets.UTF_8);
        int dataLength = x.length + c.length + 64 * 1024;
        ByteBuffer b = ByteBuffer.allocate(SaveImage.HEADER_BYTES + dataLength + stream.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(magic).putInt(version).putInt(dataLength).putInt(1).putInt(0).putInt(c.length == 0 ? 0 : x.length);
        b.position(SaveImage.HEADER_BYTES).put(x).put(c);
        b.position(SaveImage.HEADER_BYTES + dataLength).put(stream);
        return b.array();
    }

    static byte[] stream(int size) {
        byte[] s = new byte[size];
        new Random(14).nextBytes(s);
        return s;
    }

    @Test
    void aCopyRestoresAnotherDomainFromTheSameStreamAndKeepsTheCookie() throws IOException {
        byte[] stream = stream(3 * 1024 * 1024 + 17);
        Path forme = Files.write(dir.resolve("memory.save"), image(SaveImage.MAGIC, 2, XML, COOKIE, stream));
        SaveImage image = SaveImage.read(forme);
        assertEquals(XML, image.xml());
        assertEquals(0, image.format());

        String clone = XML.replace("forme", "lab-1-poste").replace("52:54:00:aa:00:01", "52:54:00:3c:10:07");
        Path copy = dir.resolve("clone.save");
        image.copyWithXml(clone, copy);

        SaveImage copied = SaveImage.read(copy);
        assertEquals(clone, copied.xml());
        byte[] bytes = Files.readAllBytes(copy);
        byte[] original = Files.readAllBytes(forme);
        assertEquals(original.length, bytes.length, "same header size, same space for XML, same stream");
        assertArrayEquals(Arrays.copyOfRange(original, original.length - stream.length, original.length),
                Arrays.copyOfRange(bytes, bytes.length - stream.length, bytes.length));
        assertArrayEquals(Arrays.copyOfRange(original, 16, 32), Arrays.copyOfRange(bytes, 16, 32),
                "version, data_len, was_running and format as they were");
        ByteBuffer header = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int cookieAt = header.getInt(32);
        assertEquals((clone + "\0").getBytes(StandardCharsets.UTF_8).length, cookieAt, "the cookie right after the new XML");
        assertEquals(COOKIE, new String(bytes, SaveImage.HEADER_BYTES + cookieAt, COOKIE.length(), StandardCharsets.UTF_8));
        assertFalse(Files.exists(dir.resolve("clone.save.part")));
    }

    @Test
    void anImageWithoutCookieIsCopiedWithoutOne() throws IOException {
        Path forme = Files.write(dir.resolve("memory.save"), image(SaveImage.MAGIC, 2, XML, null, stream(4096)));
        SaveImage.read(forme).copyWithXml(XML.replace("forme", "autre"), dir.resolve("autre.save"));
        byte[] bytes = Files.readAllBytes(dir.resolve("autre.save"));
        assertEquals(0, ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getInt(32));
        assertTrue(SaveImage.read(dir.resolve("autre.save")).xml().contains("<name>autre</name>"));
    }

    @Test
    void whatIsNotACompleteImageOrAnXmlTooLargeIsRefusedWithTheReason() throws IOException {
        Path partial = Files.write(dir.resolve("partial.save"), image(SaveImage.PARTIAL, 2, XML, COOKIE, stream(10)));
        assertTrue(assertThrows(IOException.class, () -> SaveImage.read(partial)).getMessage().contains("incomplete save image"));
        Path other = Files.write(dir.resolve("disk.qcow2"), "QFI\u00fb and more".getBytes(StandardCharsets.ISO_8859_1));
        assertTrue(assertThrows(IOException.class, () -> SaveImage.read(other)).getMessage().contains("ends before its header"));
        byte[] notMagic = image(SaveImage.MAGIC, 2, XML, COOKIE, stream(10));
        notMagic[0] = 'X';
        Path wrong = Files.write(dir.resolve("wrong.save"), notMagic);
        assertTrue(assertThrows(IOException.class, () -> SaveImage.read(wrong)).getMessage().contains("no LibvirtQemudSave magic"));
        Path future = Files.write(dir.resolve("v3.save"), image(SaveImage.MAGIC, 3, XML, COOKIE, stream(10)));
        assertTrue(assertThrows(IOException.class, () -> SaveImage.read(future)).getMessage().contains("version 3; expected 2"));

        SaveImage image = SaveImage.read(Files.write(dir.resolve("memory.save"), image(SaveImage.MAGIC, 2, XML, COOKIE, stream(10))));
        String huge = XML.replace("</devices>", "<!--" + "x".repeat(70 * 1024) + "--></devices>");
        IOException tooLarge = assertThrows(IOException.class, () -> image.copyWithXml(huge, dir.resolve("huge.save")));
        assertTrue(tooLarge.getMessage().contains("does not fit"), tooLarge.getMessage());
        assertFalse(Files.exists(dir.resolve("huge.save")));
    }
}

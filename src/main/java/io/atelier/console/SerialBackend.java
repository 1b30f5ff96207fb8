package io.atelier.console;

import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/**
 * The VM's first serial port, which libvirt exposes on a unix socket (QEMU accepts one
 * client at a time, so the platform keeps one connection per node and shares it between
 * viewers). A serial line has no size: resizes are ignored.
 */
final class SerialBackend implements TerminalBackend {

    private final SocketChannel channel;
    private final InputStream output;

    private SerialBackend(SocketChannel channel) {
        this.channel = channel;
        this.output = Channels.newInputStream(channel);
    }

    static SerialBackend connect(Path socket) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            channel.close();
            throw new IOException("the serial console of this VM is not reachable (" + e.getMessage() + ")", e);
        }
        return new SerialBackend(channel);
    }

    @Override
    public InputStream output() {
        return output;
    }

    @Override
    public void write(byte[] data) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(data);
        synchronized (channel) {
            while (buffer.hasRemaining()) channel.write(buffer);
        }
    }

    @Override
    public void resize(int columns, int rows) {
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}

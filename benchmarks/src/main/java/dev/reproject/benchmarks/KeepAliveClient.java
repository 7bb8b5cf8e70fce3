package dev.reproject.benchmarks;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The least HTTP/1.1 client a load generator needs: GETs on one kept-alive connection, answers with a
 * {@code Content-Length} (serve always sends one). It costs the benchmark's cores far less than the JDK's
 * {@code HttpClient}, which on this 2-core machine took as much CPU per page as the server itself.
 */
final class KeepAliveClient implements AutoCloseable {

    /** An answer: status and body (UTF-8). */
    record Answer(int status, String body) {
    }

    private final String host;
    private final int port;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    KeepAliveClient(String host, int port) {
        this.host = host;
        this.port = port;
    }

    Answer get(String pathAndQuery) throws IOException {
        if (socket == null) {
            socket = new Socket(host, port);
            socket.setTcpNoDelay(true);
            in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
            out = socket.getOutputStream();
        }
        out.write(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String statusLine = line();
        if (statusLine == null || !statusLine.startsWith("HTTP/1.1 ")) {
            close();
            throw new IOException("no HTTP answer: " + statusLine);
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        int length = -1;
        boolean closing = false;
        for (String header = line(); header != null && !header.isEmpty(); header = line()) {
            String lower = header.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Integer.parseInt(header.substring(15).strip());
            } else if (lower.startsWith("connection:") && lower.contains("close")) {
                closing = true;
            }
        }
        if (length < 0) {
            close();
            throw new IOException("an answer without Content-Length");
        }
        byte[] body = in.readNBytes(length);
        if (closing) {
            close();
        }
        return new Answer(status, new String(body, StandardCharsets.UTF_8));
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                return line.toString(StandardCharsets.US_ASCII).stripTrailing();
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        if (socket != null) {
            socket.close();
            socket = null;
        }
    }
}

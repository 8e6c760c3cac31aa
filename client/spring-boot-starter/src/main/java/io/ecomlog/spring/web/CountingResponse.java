package io.ecomlog.spring.web;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the body bytes a response writes, through its output stream or its writer (encoded with the response's
 * character encoding). When nothing was counted, the Content-Length header (if any) is the answer.
 */
final class CountingResponse extends HttpServletResponseWrapper {

    private final AtomicLong bytes = new AtomicLong();
    private ServletOutputStream stream;
    private PrintWriter writer;

    CountingResponse(HttpServletResponse response) {
        super(response);
    }

    long bytesWritten() {
        long counted = bytes.get();
        if (counted == 0) {
            String length = getHeader("Content-Length");
            if (length != null) {
                try {
                    return Long.parseLong(length.trim());
                } catch (NumberFormatException ignored) {
                    // fall through
                }
            }
        }
        return counted;
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
        if (stream == null) {
            stream = new CountingStream(super.getOutputStream(), bytes);
        }
        return stream;
    }

    @Override
    public PrintWriter getWriter() throws IOException {
        if (writer == null) {
            Charset charset;
            try {
                charset = Charset.forName(getCharacterEncoding());
            } catch (RuntimeException e) {
                charset = StandardCharsets.ISO_8859_1;
            }
            writer = new PrintWriter(new CountingWriter(super.getWriter(), charset, bytes));
        }
        return writer;
    }

    private static final class CountingStream extends ServletOutputStream {
        private final ServletOutputStream out;
        private final AtomicLong bytes;

        CountingStream(ServletOutputStream out, AtomicLong bytes) {
            this.out = out;
            this.bytes = bytes;
        }

        @Override
        public boolean isReady() {
            return out.isReady();
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            out.setWriteListener(listener);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            bytes.incrementAndGet();
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            bytes.addAndGet(len);
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }

    private static final class CountingWriter extends Writer {
        private final PrintWriter out;
        private final Charset charset;
        private final AtomicLong bytes;

        CountingWriter(PrintWriter out, Charset charset, AtomicLong bytes) {
            this.out = out;
            this.charset = charset;
            this.bytes = bytes;
        }

        @Override
        public void write(char[] buf, int off, int len) {
            out.write(buf, off, len);
            bytes.addAndGet(String.valueOf(buf, off, len).getBytes(charset).length);
        }

        @Override
        public void write(String s, int off, int len) {
            out.write(s, off, len);
            bytes.addAndGet(s.substring(off, off + len).getBytes(charset).length);
        }

        @Override
        public void flush() {
            out.flush();
        }

        @Override
        public void close() {
            out.close();
        }
    }
}

package io.autoanalyst.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The upload route's multipart reader: every part's bytes exactly, whatever the read sizes, and clear errors. */
class StreamingMultipartTest {

    private static final String TYPE = "multipart/form-data; boundary=XyZ42";

    @Test
    void fieldsAndFileComeOutExactlyInAnyOrder() throws IOException {
        String body = "--XyZ42\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"sales; 2024.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n"
                + "a,b\r\n1,2\r\n\r\n--XyZ4 not the boundary\r\n"
                + "\r\n--XyZ42\r\n"
                + "Content-Disposition: form-data; name=\"name\"\r\n\r\n"
                + "Sales\r\n--XyZ42\r\n"
                + "Content-Disposition: form-data; name=\"columns\"\r\n\r\n"
                + "a\r\n--XyZ42--\r\nepilogue";
        List<String> parts = readAll(body.getBytes(StandardCharsets.UTF_8), 1 << 16);
        assertThat(parts).containsExactly(
                "file|sales; 2024.csv|text/csv|a,b\r\n1,2\r\n\r\n--XyZ4 not the boundary\r\n",
                "name|null|null|Sales",
                "columns|null|null|a");
    }

    @Test
    void randomContentSurvivesAnyReadSize() throws IOException {
        Random random = new Random(7);
        for (int round = 0; round < 40; round++) {
            byte[] file = new byte[random.nextInt(300_000)];
            random.nextBytes(file);
            // sprinkle near-boundaries and line breaks
            for (int k = 0; k < 50 && file.length > 20; k++) {
                byte[] near = "\r\n--XyZ4X".getBytes(StandardCharsets.ISO_8859_1);
                System.arraycopy(near, 0, file, random.nextInt(file.length - near.length), near.length);
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.writeBytes("preamble\r\n--XyZ42\r\nContent-Disposition: form-data; name=\"file\"; filename=\"f.bin\"\r\n\r\n"
                    .getBytes(StandardCharsets.UTF_8));
            body.writeBytes(file);
            body.writeBytes("\r\n--XyZ42\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\nv\r\n--XyZ42--".getBytes(StandardCharsets.UTF_8));
            int chunk = 1 + random.nextInt(5000);
            StreamingMultipart multipart = new StreamingMultipart(trickle(body.toByteArray(), chunk), TYPE);
            StreamingMultipart.Part part = multipart.next();
            assertThat(part.fileName()).isEqualTo("f.bin");
            byte[] read = readInSteps(multipart.content(), 1 + random.nextInt(9000));
            assertThat(read.length).as("round %d", round).isEqualTo(file.length);
            assertThat(java.util.Arrays.equals(read, file)).as("round %d", round).isTrue();
            assertThat(multipart.next().name()).isEqualTo("x");
            assertThat(multipart.text(10, "x")).isEqualTo("v");
            assertThat(multipart.next()).isNull();
        }
    }

    @Test
    void anUnreadPartIsSkipped() throws IOException {
        String body = "--XyZ42\r\nContent-Disposition: form-data; name=\"skip\"\r\n\r\n" + "z".repeat(200_000)
                + "\r\n--XyZ42\r\nContent-Disposition: form-data; name=\"keep\"\r\n\r\nyes\r\n--XyZ42--\r\n";
        StreamingMultipart multipart = new StreamingMultipart(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), TYPE);
        assertThat(multipart.next().name()).isEqualTo("skip");
        assertThat(multipart.next().name()).isEqualTo("keep");
        assertThat(multipart.text(100, "keep")).isEqualTo("yes");
    }

    @Test
    void fileNamesInUtf8AndRfc5987AndAQuotedBoundary() throws IOException {
        String body = "--a b\r\nContent-Disposition: form-data; name=\"f\"; filename=\"données.csv\"\r\n\r\nx\r\n"
                + "--a b\r\nContent-Disposition: form-data; name=\"g\"; filename=\"x\"; filename*=UTF-8''%C3%A9t%C3%A9.csv\r\n\r\ny\r\n--a b--";
        StreamingMultipart multipart = new StreamingMultipart(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)),
                "multipart/form-data; boundary=\"a b\"");
        assertThat(multipart.next().fileName()).isEqualTo("données.csv");
        assertThat(multipart.next().fileName()).isEqualTo("été.csv");
    }

    @Test
    void brokenBodiesAreBadRequestsThatSayWhy() {
        assertThatThrownBy(() -> new StreamingMultipart(InputStream.nullInputStream(), "application/json"))
                .isInstanceOf(BadRequest.class).hasMessageContaining("multipart/form-data");
        assertThatThrownBy(() -> new StreamingMultipart(InputStream.nullInputStream(), "multipart/form-data"))
                .isInstanceOf(BadRequest.class).hasMessageContaining("boundary");
        assertThat(errorOf("no boundary at all")).contains("no boundary 'XyZ42' found");
        assertThat(errorOf("--XyZ42\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\ncut short"))
                .contains("ends before the part's closing boundary");
        assertThat(errorOf("--XyZ42\r\nContent-Disposition: attachment; name=\"f\"\r\n\r\nx\r\n--XyZ42--"))
                .contains("not form-data");
        assertThat(errorOf("--XyZ42\r\nContent-Type: text/plain\r\n\r\nx\r\n--XyZ42--")).contains("no Content-Disposition name");
        assertThat(errorOf("--XyZ42\r\nX-Long: " + "h".repeat(20_000) + "\r\n\r\nx\r\n--XyZ42--")).contains("headers are longer");
        assertThat(errorOf("--XyZ42\nContent-Disposition: form-data; name=\"f\"\n\nx\n--XyZ42--")).contains("line break");
        assertThat(errorOf("--XyZ42\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\nx\r\n--XyZ42\r\n"
                + "Content-Disposition: form-data; name=\"t\"\r\n\r\n" + "t".repeat(50) + "\r\n--XyZ42--")).contains("longer than 10 bytes");
    }

    private static String errorOf(String body) {
        try {
            StreamingMultipart multipart = new StreamingMultipart(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), TYPE);
            StreamingMultipart.Part part;
            while ((part = multipart.next()) != null) {
                if (part.name().equals("t")) multipart.text(10, "t");
                else multipart.content().readAllBytes();
            }
            return "no error";
        } catch (BadRequest e) {
            return e.getMessage();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> readAll(byte[] body, int chunk) throws IOException {
        StreamingMultipart multipart = new StreamingMultipart(trickle(body, chunk), TYPE);
        List<String> out = new ArrayList<>();
        StreamingMultipart.Part part;
        while ((part = multipart.next()) != null) {
            out.add(part.name() + "|" + part.fileName() + "|" + part.contentType() + "|"
                    + new String(multipart.content().readAllBytes(), StandardCharsets.UTF_8));
        }
        return out;
    }

    private static byte[] readInSteps(InputStream in, int step) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[step];
        int n;
        while ((n = in.read(buffer, 0, buffer.length)) >= 0) out.write(buffer, 0, n);
        return out.toByteArray();
    }

    /** An input stream that hands out at most {@code chunk} bytes a read, as a slow socket does. */
    private static InputStream trickle(byte[] bytes, int chunk) {
        return new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, chunk));
            }
        };
    }
}

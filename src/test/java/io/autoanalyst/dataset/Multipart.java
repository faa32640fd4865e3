package io.autoanalyst.dataset;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A multipart/form-data body as browsers send it (quotes and line breaks in names percent-encoded). */
final class Multipart {

    private final String boundary = "----aa" + UUID.randomUUID().toString().replace("-", "");
    private final List<byte[]> parts = new ArrayList<>();
    private final List<Path> fileParts = new ArrayList<>();
    private final List<String> filePartHeads = new ArrayList<>();

    Multipart field(String name, String value) {
        parts.add(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n")
                .getBytes(StandardCharsets.UTF_8));
        return this;
    }

    Multipart file(String name, String fileName, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head(name, fileName).getBytes(StandardCharsets.UTF_8));
        out.writeBytes(content);
        out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        parts.add(out.toByteArray());
        return this;
    }

    /** A file part streamed from disk (for files too big to hold in the test's heap). */
    Multipart file(String name, String fileName, Path content) {
        fileParts.add(content);
        filePartHeads.add(head(name, fileName));
        return this;
    }

    private String head(String name, String fileName) {
        String encoded = fileName.replace("\"", "%22").replace("\r", "%0D").replace("\n", "%0A");
        return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"" + encoded
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n";
    }

    String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    HttpRequest.BodyPublisher body() {
        List<HttpRequest.BodyPublisher> publishers = new ArrayList<>();
        for (byte[] part : parts) publishers.add(HttpRequest.BodyPublishers.ofByteArray(part));
        for (int i = 0; i < fileParts.size(); i++) {
            publishers.add(HttpRequest.BodyPublishers.ofString(filePartHeads.get(i)));
            try {
                publishers.add(HttpRequest.BodyPublishers.ofFile(fileParts.get(i)));
            } catch (java.io.FileNotFoundException e) {
                throw new IllegalArgumentException(e);
            }
            publishers.add(HttpRequest.BodyPublishers.ofString("\r\n"));
        }
        publishers.add(HttpRequest.BodyPublishers.ofString("--" + boundary + "--\r\n"));
        return HttpRequest.BodyPublishers.concat(publishers.toArray(HttpRequest.BodyPublisher[]::new));
    }
}

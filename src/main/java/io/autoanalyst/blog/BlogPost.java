package io.autoanalyst.blog;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** One post of the product's small built-in blog, in the original frontend's shape (camelCase keys as it reads them). */
public record BlogPost(String id, String title, String excerpt, String content, String author,
                       @JsonProperty("publishedAt") String publishedAt, List<String> tags, boolean featured,
                       @JsonProperty("readTime") String readTime) {
    public BlogPost {
        requireNonNull(id, "id");
        requireNonNull(title, "title");
        tags = List.copyOf(tags);
    }
}

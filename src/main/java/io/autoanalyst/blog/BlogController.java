package io.autoanalyst.blog;

import io.autoanalyst.web.NotFound;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.TreeSet;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The original's blog routes, for its frontend's public pages, serving a few fixed posts about this server.
 * {@code /featured} is mapped as a literal path, so it wins over {@code /{id}} (the original's was unreachable).
 */
@RestController
@RequestMapping("/api/blog")
@Tag(name = "Blog", description = "A few fixed posts about the product, for the original frontend's blog pages")
public class BlogController {

    @GetMapping("/posts")
    @Operation(summary = "Every post, newest first")
    public List<BlogPost> posts() {
        return BlogPosts.ALL;
    }

    @GetMapping("/posts/featured")
    @Operation(summary = "The featured posts")
    public List<BlogPost> featured() {
        return BlogPosts.ALL.stream().filter(BlogPost::featured).toList();
    }

    @GetMapping("/posts/{id}")
    @Operation(summary = "One post; 404 if there is none with that id")
    public BlogPost post(@PathVariable String id) {
        return BlogPosts.ALL.stream().filter(p -> p.id().equals(id)).findFirst()
                .orElseThrow(() -> new NotFound("Blog post not found"));
    }

    @GetMapping("/tags")
    @Operation(summary = "Every tag used by a post, sorted")
    public List<String> tags() {
        TreeSet<String> tags = new TreeSet<>();
        BlogPosts.ALL.forEach(p -> tags.addAll(p.tags()));
        return List.copyOf(tags);
    }
}

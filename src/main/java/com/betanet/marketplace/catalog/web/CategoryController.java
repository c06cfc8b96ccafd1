package com.betanet.marketplace.catalog.web;

import com.betanet.marketplace.catalog.application.CategoryNode;
import com.betanet.marketplace.catalog.application.CategoryService;
import com.betanet.marketplace.catalog.application.CategoryView;
import com.betanet.marketplace.shared.security.CurrentUser;
import com.betanet.marketplace.shared.web.PatchDocument;
import com.betanet.marketplace.shared.web.ProblemCodes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
@RequestMapping("/api/v1/categories")
@Tag(name = "Categories", description = "The category tree (changed by admins)")
class CategoryController {

    private final CategoryService categories;

    CategoryController(CategoryService categories) {
        this.categories = categories;
    }

    record CreateCategoryRequest(
            @NotNull String name,
            @Nullable String slug,
            @Nullable UUID parentId) {}

    /** The fields of a category edit, for the OpenAPI document (the body is read as a merge patch). */
    record EditCategoryRequest(
            @Nullable String name,
            @Nullable String slug,
            @Nullable UUID parentId) {}

    @GetMapping
    @Operation(
            summary = "The whole category tree",
            description = "Root categories with their children, any depth; siblings sorted by name. Cached for at most"
                    + " 60 s per server node; the node that makes a change answers with it at once.")
    List<CategoryNode> tree() {
        return categories.tree();
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(
            summary = "Create a category (admin)",
            description = "Without a slug, one is made from the name (lower-case ASCII words joined by hyphens). An"
                    + " unknown parentId is 400 on that field.")
    @ProblemCodes({"400 validation_failed", "401 unauthorized", "403 forbidden", "409 slug_taken"})
    CategoryView create(@Valid @RequestBody CreateCategoryRequest request) {
        return categories.create(request.name(), request.slug(), request.parentId());
    }

    @PatchMapping("/{id}")
    @Operation(
            summary = "Rename, re-slug or move a category (admin; JSON merge patch)",
            description = "parentId null makes it a root category. Moving it under itself or one of its"
                    + " subcategories, or under an unknown category, is 400 on parentId. The subtree moves with it.")
    @ProblemCodes({"400 validation_failed", "401 unauthorized", "403 forbidden", "404 not_found", "409 slug_taken"})
    CategoryView edit(
            CurrentUser caller,
            @PathVariable UUID id,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content = @Content(schema = @Schema(implementation = EditCategoryRequest.class)))
                    @RequestBody
                    JsonNode body) {
        categories.requireAdminFor(caller, id);
        return categories.edit(id, PatchDocument.of(body, CategoryService.EDITABLE_FIELDS));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(
            summary = "Delete a category (admin)",
            description = "Only a category without subcategories and without products (in any status, archived"
                    + " included) can be deleted.")
    @ProblemCodes({"401 unauthorized", "403 forbidden", "404 not_found", "409 category_in_use"})
    void delete(CurrentUser caller, @PathVariable UUID id) {
        categories.requireAdminFor(caller, id);
        categories.delete(id);
    }
}

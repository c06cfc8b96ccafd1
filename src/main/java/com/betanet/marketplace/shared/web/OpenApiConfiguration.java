package com.betanet.marketplace.shared.web;

import com.betanet.marketplace.shared.security.CurrentUser;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.access.prepost.PreAuthorize;

/**
 * The OpenAPI document: a bearer scheme on every endpoint that takes the {@link CurrentUser} or checks a role (optional
 * where the caller is optional), and the documented
 * problem codes of each endpoint ({@link ProblemCodes}) as responses with the problem schema.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    private static final String BEARER = "bearer";
    private static final String PROBLEM = "Problem";

    static {
        // the caller comes from the access token, never from request parameters
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(CurrentUser.class);
    }

    @Bean
    OpenAPI marketplaceOpenApi() {
        var problem = new Schema<Object>()
                .type("object")
                .addProperty("type", new Schema<String>().type("string"))
                .addProperty("title", new Schema<String>().type("string"))
                .addProperty("status", new Schema<Integer>().type("integer"))
                .addProperty("detail", new Schema<String>().type("string"))
                .addProperty("code", new Schema<String>().type("string").description("stable machine-readable code"))
                .addProperty("requestId", new Schema<String>().type("string"))
                .addProperty(
                        "errors",
                        new Schema<Object>()
                                .type("array")
                                .items(new Schema<Object>()
                                        .type("object")
                                        .addProperty("field", new Schema<String>().type("string"))
                                        .addProperty("message", new Schema<String>().type("string"))));
        return new OpenAPI()
                .info(new Info()
                        .title("Betanet Marketplace API")
                        .version("v1")
                        .description("Multi-vendor marketplace: accounts, catalog, orders, payments, escrow, chat."))
                .components(new Components()
                        .addSecuritySchemes(
                                BEARER,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .bearerFormat("JWT"))
                        .addSchemas(PROBLEM, problem));
    }

    @Bean
    OperationCustomizer problemCodesAndSecurity() {
        return (operation, handler) -> {
            var caller = Arrays.stream(handler.getMethodParameters())
                    .filter(parameter -> CurrentUser.class.equals(
                            parameter.nestedIfOptional().getNestedParameterType()))
                    .findFirst();
            boolean optional = caller.isPresent() && caller.get().isOptional();
            boolean authenticated = (caller.isPresent() && !optional)
                    || handler.hasMethodAnnotation(PreAuthorize.class)
                    || handler.getBeanType().isAnnotationPresent(PreAuthorize.class);
            if (authenticated || optional) {
                operation.addSecurityItem(new SecurityRequirement().addList(BEARER));
            }
            if (optional && !authenticated) {
                // anyone may call it; a token only changes what the caller sees (OpenAPI: an empty requirement)
                operation.addSecurityItem(new SecurityRequirement());
            }
            var codes = handler.getMethodAnnotation(ProblemCodes.class);
            Map<String, List<String>> byStatus = new LinkedHashMap<>();
            if (codes != null) {
                for (var entry : codes.value()) {
                    var parts = entry.split(" ", 2);
                    byStatus.computeIfAbsent(parts[0], status -> new java.util.ArrayList<>())
                            .add(parts[1]);
                }
            }
            if (authenticated) {
                byStatus.computeIfAbsent("401", status -> new java.util.ArrayList<>())
                        .add("unauthorized");
            }
            if (operation.getResponses() == null) {
                operation.setResponses(new ApiResponses());
            }
            byStatus.forEach((status, statusCodes) -> operation
                    .getResponses()
                    .addApiResponse(
                            status,
                            new ApiResponse()
                                    .description("Problem; code: "
                                            + String.join(
                                                    ", ",
                                                    statusCodes.stream()
                                                            .distinct()
                                                            .toList()))
                                    .content(new Content()
                                            .addMediaType(
                                                    "application/problem+json",
                                                    new MediaType()
                                                            .schema(new Schema<>()
                                                                    .$ref("#/components/schemas/" + PROBLEM))))));
            return operation;
        };
    }
}

package com.betanet.marketplace.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.betanet.marketplace.catalog.application.NewProduct;
import com.betanet.marketplace.catalog.application.ProductService;
import com.betanet.marketplace.shared.security.CurrentUser;
import com.betanet.marketplace.shared.security.Role;
import com.betanet.marketplace.support.Accounts;
import com.betanet.marketplace.support.Api;
import com.betanet.marketplace.support.CatalogApiFixtures;
import com.betanet.marketplace.support.IntegrationTest;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import tools.jackson.databind.json.JsonMapper;

/** The service is called on the test's thread here, so the events it publishes are recorded. */
@IntegrationTest
@RecordApplicationEvents
class ProductEventTests {

    @LocalServerPort
    int port;

    @Autowired
    ProductService products;

    @Autowired
    ApplicationEvents events;

    @Test
    void publishesProductChangedOnCreateEditAndArchive() {
        var api = new Api(port);
        var categoryId = CatalogApiFixtures.categoryId(api, CatalogApiFixtures.admin(api));
        var session = Accounts.seller(api);
        var seller = new CurrentUser(session.id(), Set.of(Role.BUYER, Role.SELLER), null);

        var product = products.create(
                seller, new NewProduct("Lamp", "A lamp", categoryId, 2_500, "KES", 3, ProductStatus.DRAFT));
        products.edit(seller, product.id(), JsonMapper.builder().build().readTree("{\"status\": \"ACTIVE\"}"));
        products.archive(seller, product.id());

        var published = events.stream(ProductChanged.class)
                .filter(event -> event.productId().equals(product.id()))
                .toList();
        assertThat(published)
                .extracting(ProductChanged::status)
                .containsExactly(ProductStatus.DRAFT, ProductStatus.ACTIVE, ProductStatus.ARCHIVED);
        assertThat(published).allSatisfy(event -> {
            assertThat(event.sellerId()).isEqualTo(session.id());
            assertThat(event.at()).isNotNull();
        });
    }
}

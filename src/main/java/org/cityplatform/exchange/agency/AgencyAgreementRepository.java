package org.cityplatform.exchange.agency;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class AgencyAgreementRepository implements PanacheRepositoryBase<AgencyAgreement, Long> {
}

package org.cityplatform.exchange.audit;

/**
 * An answer that names the dataset a management change was about when its path does not, such as
 * the element whose source moved: its audit event then has that dataset as its target.
 */
public interface AuditedDataset {

    String auditedDataset();
}

package org.cityplatform.exchange.assessment;

/**
 * One agency's figures for a period (docs/api.md, "Assessment"; Art. 34): what it provides, how timely,
 * how its data is used by others, and how it handled objections and applications.
 */
public record AgencyAssessment(String agency, String name, long datasets, long recordsProvided, long recordsChanged,
                               long timelyDatasets, long overdueDatasets, long readsByOthers, long consumers,
                               long objectionsReceived, long objectionsOverdue, long applicationsAnswered,
                               long applicationsAnsweredOnTime) {
}

package org.cityplatform.exchange.assessment;

/**
 * One agency's figures for a period (docs/api.md, "Assessment"; Art. 34): what it provides, how timely,
 * how its data is used by others, and how it handled objections and applications. A dataset is
 * timely, excused (late under an open delay report, Art. 28) or overdue.
 */
public record AgencyAssessment(String agency, String name, long datasets, long recordsProvided, long recordsChanged,
                               long timelyDatasets, long overdueDatasets, long readsByOthers, long consumers,
                               long objectionsReceived, long objectionsOverdue, long applicationsAnswered,
                               long applicationsAnsweredOnTime, long excusedDatasets) {

    /** Figures without excused datasets, as years published before delay reports were kept them. */
    public AgencyAssessment(String agency, String name, long datasets, long recordsProvided, long recordsChanged,
                            long timelyDatasets, long overdueDatasets, long readsByOthers, long consumers,
                            long objectionsReceived, long objectionsOverdue, long applicationsAnswered,
                            long applicationsAnsweredOnTime) {
        this(agency, name, datasets, recordsProvided, recordsChanged, timelyDatasets, overdueDatasets, readsByOthers,
                consumers, objectionsReceived, objectionsOverdue, applicationsAnswered, applicationsAnsweredOnTime, 0);
    }
}

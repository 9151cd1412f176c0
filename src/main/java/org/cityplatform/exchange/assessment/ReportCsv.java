package org.cityplatform.exchange.assessment;

/** The published table as CSV (RFC 4180, with a UTF-8 byte order mark so spreadsheets show the Chinese names). */
final class ReportCsv {

    private ReportCsv() {
    }

    static String of(Publication p) {
        StringBuilder out = new StringBuilder("\uFEFF");
        out.append("agency,name,datasets,recordsProvided,recordsChanged,timelyDatasets,overdueDatasets,readsByOthers,"
                + "consumers,objectionsReceived,objectionsOverdue,applicationsAnswered,applicationsAnsweredOnTime,advice\r\n");
        for (AgencyAssessment a : p.agencies()) {
            out.append(a.agency()).append(',').append(quoted(a.name())).append(',').append(a.datasets()).append(',')
                    .append(a.recordsProvided()).append(',').append(a.recordsChanged()).append(',')
                    .append(a.timelyDatasets()).append(',').append(a.overdueDatasets()).append(',')
                    .append(a.readsByOthers()).append(',').append(a.consumers()).append(',')
                    .append(a.objectionsReceived()).append(',').append(a.objectionsOverdue()).append(',')
                    .append(a.applicationsAnswered()).append(',').append(a.applicationsAnsweredOnTime()).append(',')
                    .append(quoted(p.advice().getOrDefault(a.agency(), ""))).append("\r\n");
        }
        return out.toString();
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\"", "\"\"") + "\"";
    }
}

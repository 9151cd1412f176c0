package org.cityplatform.exchange.assessment;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Who publishes the assessment and how the public reaches them (Art. 34): printed on every report
 * and kept with it when published, so a report keeps the names it was published under.
 */
@ConfigMapping(prefix = "exchange.assessment")
public interface AssessmentSettings {

    /** The publisher named on the public report. */
    @WithDefault("市大数据管理中心")
    String publisher();

    /** One line telling readers where to send questions about the report. */
    @WithDefault("对考核结果有疑问或异议的，请通过市政务数据共享平台联系市大数据管理中心。")
    String contact();
}

package dev.mlsd.adctr.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class AvazuAndIpinyouReaderTest {
  static final String HEADER =
      "id,click,hour,C1,banner_pos,site_id,site_domain,site_category,app_id,app_domain,"
          + "app_category,device_id,device_ip,device_model,device_type,device_conn_type,C14,C15,C16,"
          + "C17,C18,C19,C20,C21\n";

  @Test
  void avazuDerivesHourOfDayAndCountsBadRows() throws Exception {
    String ok = "1,1,14102107,1005,0,s,sd,sc,a,ad,ac,d,ip,m,1,2,15706,320,50,1722,0,35,-1,79\n";
    String badClick =
        "2,x,14102107,1005,0,s,sd,sc,a,ad,ac,d,ip,m,1,2,15706,320,50,1722,0,35,-1,79\n";
    String badHour = "3,0,1410,1005,0,s,sd,sc,a,ad,ac,d,ip,m,1,2,15706,320,50,1722,0,35,-1,79\n";
    String shortRow = "4,0,14102107,1005\n";
    ImpressionLog log =
        AvazuReader.read("t", new StringReader(HEADER + ok + badClick + badHour + shortRow));
    assertEquals(1, log.size());
    assertEquals(3, log.malformed());
    Impression r = log.rows().getFirst();
    assertTrue(r.clicked());
    assertEquals(14102107L, r.time());
    AdSchema s = log.schema();
    assertEquals("07", r.categorical()[s.categoricalIndex("hour_of_day")]);
    assertEquals("15706", r.categorical()[s.categoricalIndex("C14")]);
    assertTrue(s.isAdSide(s.categoricalIndex("C17")));
  }

  @Test
  void ipinyouMapsIndicesToFieldsAndRefusesUnknownOnes() throws Exception {
    IpinyouReader reader =
        IpinyouReader.withFeatureIndex(
            List.of("weekday:2\t1", "hour:18\t6", "creative:11908\t9", "advertiser:2997\t12"));
    String text = "0 1:1 6:1 9:1 12:1\n1 1:1 99:1\n0 1:1 1:1\nz 1:1\n1 1:1 6:1\n";
    ImpressionLog log = reader.read("t", new StringReader(text));
    assertEquals(2, log.size());
    assertEquals(3, log.malformed());
    Impression r = log.rows().getFirst();
    AdSchema s = log.schema();
    assertEquals("2", r.categorical()[s.categoricalIndex("weekday")]);
    assertEquals("11908", r.categorical()[s.categoricalIndex("creative")]);
    assertEquals("", r.categorical()[s.categoricalIndex("IP")]);
    assertThrows(
        IllegalArgumentException.class,
        () -> IpinyouReader.withFeatureIndex(List.of("nosuchfield:1\t3")));
  }

  @Test
  void unknownDatasetIsRefused() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> AdDatasets.load("nope"));
    assertTrue(e.getMessage().contains("criteo-sample"));
  }
}

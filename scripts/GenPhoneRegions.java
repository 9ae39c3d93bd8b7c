// Regenerates domain/src/main/resources/io/batchcall/domain/window/phone-prefix-regions.txt (its data lines):
//   javac -cp libphonenumber-8.11.1.jar GenPhoneRegions.java && java -cp libphonenumber-8.11.1.jar:. GenPhoneRegions
// libphonenumber (Apache License 2.0) is used here only, at generation time; the product ships the generated table.
import com.google.i18n.phonenumbers.*;
public class GenPhoneRegions {
  public static void main(String[] a) throws Exception {
    PhoneNumberUtil u = PhoneNumberUtil.getInstance();
    StringBuilder sb = new StringBuilder();
    int n=0;
    for (int cc = 1; cc < 1000; cc++) {
      String r = u.getRegionCodeForCountryCode(cc);
      if (r == null || r.equals("ZZ") || r.equals("001")) continue;
      if (cc == 1) continue;
      sb.append(cc).append('|').append(r).append('\n'); n++;
    }
    // NANP: area codes whose numbers belong to a region other than US
    int m=0;
    for (int npa = 200; npa < 1000; npa++) {
      String r = null;
      for (String line : new String[]{"2345678","3456789","5551234","7654321","4567890"}) {
        try {
          Phonenumber.PhoneNumber p = u.parse("+1" + npa + line, "ZZ");
          String x = u.getRegionCodeForNumber(p);
          if (x != null && !x.equals("ZZ")) { r = x; break; }
        } catch (Exception e) {}
      }
      if (r != null && !r.equals("US")) { sb.append("1").append(npa).append('|').append(r).append('\n'); m++; }
    }
    System.out.print(sb);
    System.err.println(n + " calling codes, " + m + " NANP area codes outside the US");
  }
}

package org.leaktrace.jobs.ingest;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.leaktrace.jobs.config.Format;
import org.leaktrace.udf.types.FieldHandlers;
import org.leaktrace.udf.types.FieldType;

/**
 * Decides a file's {@link Layout} from its first bytes when the case file says {@code auto}: the
 * encoding (BOM, UTF-16 zero pattern, then UTF-8 validity of the non-ASCII lines against GB18030), the
 * format (JSON lines, or the separator that splits the most lines into the same number of fields) and
 * whether the first line is a header.
 */
final class Sniffer {

  /** Bytes of a file the sniffer looks at. */
  static final int SAMPLE_BYTES = 1 << 16;

  static final Charset GB18030 = Charset.forName("GB18030");

  /** Candidate separators; on equal evidence the earlier one wins. */
  private static final List<String> SEPARATORS = List.of("\t", ",", "----", "|", ";");

  /** Tried only when no other separator qualifies: colons also sit inside times ({@code email:password}). */
  private static final String LAST_RESORT = ":";

  /** Share of sampled lines that must split into the modal field count for a separator to qualify. */
  private static final double CONSISTENCY = 0.6;

  /** Column names leaks commonly carry (lower-case); a first line mostly made of them is a header. */
  private static final Set<String> HEADER_WORDS = Set.of(
      "name", "username", "user", "uid", "user_id", "userid", "id", "mobile", "phone", "tel", "telephone",
      "cell", "email", "mail", "e-mail", "address", "addr", "idcard", "id_card", "id_no", "idno", "sfz",
      "card", "bank_card", "cardno", "card_no", "password", "pwd", "pass", "passwd", "hash", "salt",
      "gender", "sex", "birthday", "dob", "birth", "age", "city", "province", "district", "zip", "hotel",
      "checkin", "checkout", "check_in", "check_out", "order_id", "orderid", "order_no", "amount",
      "price", "item", "product", "date", "time", "datetime", "created", "created_at", "updated_at",
      "ip", "gps", "lat", "lng", "lon", "location", "nickname", "nick", "qq", "wechat", "waybill",
      "company", "remark", "note", "plate", "passport",
      "姓名", "名字", "手机", "手机号", "手机号码", "电话", "联系电话", "身份证", "身份证号", "证件号码", "证件号",
      "地址", "住址", "收货地址", "邮箱", "密码", "性别", "生日", "出生日期", "年龄", "银行卡", "银行卡号", "卡号",
      "入住时间", "离店时间", "退房时间", "酒店", "订单号", "金额", "商品", "时间", "日期", "运单号", "快递单号",
      "收件人", "寄件人", "昵称", "用户名", "备注", "省", "市", "区", "车牌", "车牌号", "护照", "下单时间");

  /** Values that make a first line data, never a header. */
  private static final List<FieldType> IDENTIFIERS =
      List.of(FieldType.EMAIL, FieldType.CN_MOBILE, FieldType.CN_RESIDENT_ID, FieldType.BANK_CARD);

  private Sniffer() {}

  /**
   * @param sample the first bytes of the file (decompressed)
   * @param complete true when the sample is the whole file (its last line is whole)
   * @param format the case file's format ({@link Format#AUTO} to sniff)
   * @param encoding the case file's encoding ({@code auto} to sniff)
   * @param header the case file's header setting (null to sniff)
   */
  static Layout sniff(byte[] sample, boolean complete, Format format, String encoding, Boolean header) {
    int bom = 0;
    String enc;
    if (startsWith(sample, 0xEF, 0xBB, 0xBF)) {
      enc = "UTF-8";
      bom = 3;
    } else if (startsWith(sample, 0xFF, 0xFE)) {
      enc = "UTF-16LE";
      bom = 2;
    } else if (startsWith(sample, 0xFE, 0xFF)) {
      enc = "UTF-16BE";
      bom = 2;
    } else {
      enc = null;
    }
    if (!"auto".equals(encoding)) {
      String named = Charset.forName(encoding).name();
      if (enc == null || !compatibleBom(enc, named)) {
        bom = 0;
      }
      enc = named.equals("UTF-16") ? (enc != null ? enc : "UTF-16BE") : named;
    } else if (enc == null) {
      enc = sniffEncoding(sample);
    }
    List<String> lines = sampleLines(sample, bom, enc, complete);
    Format f = format.kind() == Format.Kind.AUTO ? sniffFormat(lines) : format;
    if (f.kind() == Format.Kind.JSONL) {
      return new Layout(enc, bom, f, false, 0);
    }
    List<List<String>> rows = new ArrayList<>();
    for (String l : lines) {
      List<String> r = FieldSplitter.split(l, f);
      if (r != FieldSplitter.UNBALANCED) {
        rows.add(r);
      }
    }
    boolean hasHeader = header != null ? header : !rows.isEmpty() && looksLikeHeader(rows);
    int expected = hasHeader && !rows.isEmpty() ? rows.get(0).size() : modalCount(rows, hasHeader ? 1 : 0);
    return new Layout(enc, bom, f, hasHeader, expected);
  }

  private static boolean compatibleBom(String bomEncoding, String named) {
    return named.equals(bomEncoding) || (named.equals("UTF-16") && bomEncoding.startsWith("UTF-16"));
  }

  /** UTF-16 by its zero bytes; else UTF-8 when nearly every line with non-ASCII bytes is valid UTF-8. */
  static String sniffEncoding(byte[] s) {
    int n = s.length - (s.length % 2);
    int evenZero = 0;
    int oddZero = 0;
    for (int i = 0; i < n; i += 2) {
      if (s[i] == 0) {
        evenZero++;
      }
      if (s[i + 1] == 0) {
        oddZero++;
      }
    }
    int pairs = Math.max(1, n / 2);
    if (oddZero > 0.3 * pairs && evenZero < 0.05 * pairs) {
      return "UTF-16LE";
    }
    if (evenZero > 0.3 * pairs && oddZero < 0.05 * pairs) {
      return "UTF-16BE";
    }
    CharsetDecoder utf8 = strict(StandardCharsets.UTF_8);
    int nonAscii = 0;
    int utf8Ok = 0;
    int start = 0;
    for (int i = 0; i <= s.length; i++) {
      if (i == s.length || s[i] == '\n') {
        // the last piece of a partial sample may end inside a character: leave it out
        if (i < s.length || start == 0) {
          boolean high = false;
          for (int j = start; j < i; j++) {
            if (s[j] < 0) {
              high = true;
              break;
            }
          }
          if (high) {
            nonAscii++;
            if (decodes(utf8, s, start, i - start)) {
              utf8Ok++;
            }
          }
        }
        start = i + 1;
      }
    }
    if (nonAscii == 0 || utf8Ok >= 0.9 * nonAscii) {
      return "UTF-8";
    }
    return "GB18030";
  }

  /** JSON lines when most lines are objects; else the separator giving the most consistent split. */
  static Format sniffFormat(List<String> lines) {
    List<String> data = new ArrayList<>();
    for (String l : lines) {
      if (!l.isBlank()) {
        data.add(l);
      }
    }
    if (data.isEmpty()) {
      return Format.CSV;
    }
    int objects = 0;
    for (String l : data) {
      if (l.stripLeading().startsWith("{")) {
        objects++;
      }
    }
    if (objects >= 0.8 * data.size()) {
      return Format.JSONL;
    }
    Format best = bestSeparator(data, SEPARATORS);
    if (best == null) {
      best = bestSeparator(data, List.of(LAST_RESORT));
    }
    // a single column: any separator reads it the same way
    return best != null ? best : Format.CSV;
  }

  /** Among separators that split most lines into the same count, the one giving the most fields. */
  private static Format bestSeparator(List<String> data, List<String> separators) {
    Format best = null;
    int bestFields = 1;
    for (String sep : separators) {
      Format f = Format.delimited(sep);
      List<List<String>> rows = new ArrayList<>();
      for (String l : data) {
        rows.add(FieldSplitter.split(l, f));
      }
      int mode = modalCount(rows, 0);
      int agree = 0;
      for (List<String> r : rows) {
        if (r.size() == mode) {
          agree++;
        }
      }
      if (mode > bestFields && agree >= CONSISTENCY * rows.size()) {
        best = f;
        bestFields = mode;
      }
    }
    return best;
  }

  /**
   * A header when most of the first line's fields are known column names, or when the first line has
   * no digit-heavy field while some column is digit-heavy in most later lines.
   */
  static boolean looksLikeHeader(List<List<String>> rows) {
    List<String> first = rows.get(0);
    // a line holding an identifier is data: taking it for column names would carry a raw identifier
    // into column names, logs and the exhibit
    for (String f : first) {
      for (FieldType t : IDENTIFIERS) {
        if (FieldHandlers.of(t).validate(f).valid()) {
          return false;
        }
      }
    }
    int known = 0;
    for (String f : first) {
      if (HEADER_WORDS.contains(f.strip().toLowerCase(Locale.ROOT))) {
        known++;
      }
    }
    if (known * 2 >= first.size() && known > 0) {
      return true;
    }
    if (rows.size() < 2) {
      return false;
    }
    for (String f : first) {
      if (f.isBlank() || digitShare(f) > 0.3) {
        return false;
      }
    }
    for (int c = 0; c < first.size(); c++) {
      int heavy = 0;
      int seen = 0;
      for (int r = 1; r < rows.size(); r++) {
        if (rows.get(r).size() > c) {
          seen++;
          if (digitShare(rows.get(r).get(c)) > 0.5) {
            heavy++;
          }
        }
      }
      if (seen > 0 && heavy >= 0.6 * seen) {
        return true;
      }
    }
    return false;
  }

  private static double digitShare(String s) {
    int d = 0;
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!Character.isWhitespace(c)) {
        n++;
        if ((c >= '0' && c <= '9') || (c >= '\uFF10' && c <= '\uFF19')) {
          d++;
        }
      }
    }
    return n == 0 ? 0 : (double) d / n;
  }

  /** The most frequent field count (ties: the larger count), skipping the first {@code skip} rows. */
  static int modalCount(List<List<String>> rows, int skip) {
    Map<Integer, Integer> counts = new HashMap<>();
    for (int i = skip; i < rows.size(); i++) {
      counts.merge(rows.get(i).size(), 1, Integer::sum);
    }
    int best = 0;
    int bestN = 0;
    for (Map.Entry<Integer, Integer> e : counts.entrySet()) {
      if (e.getValue() > bestN || (e.getValue() == bestN && e.getKey() > best)) {
        best = e.getKey();
        bestN = e.getValue();
      }
    }
    return best;
  }

  /** Decodes the sample leniently into its whole lines, for format and header sniffing only. */
  private static List<String> sampleLines(byte[] s, int bom, String enc, boolean complete) {
    String text = new String(s, bom, s.length - bom, Charset.forName(enc));
    String[] parts = text.split("\n", -1);
    List<String> out = new ArrayList<>();
    int last = complete ? parts.length : parts.length - 1;
    for (int i = 0; i < last && out.size() < 2000; i++) {
      String p = parts[i];
      if (p.endsWith("\r")) {
        p = p.substring(0, p.length() - 1);
      }
      if (!p.isBlank() && p.indexOf('\0') < 0 && p.indexOf('\uFFFD') < 0 && p.length() < 100_000) {
        out.add(p);
      }
    }
    return out;
  }

  static CharsetDecoder strict(Charset cs) {
    return cs.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
  }

  private static boolean decodes(CharsetDecoder d, byte[] b, int off, int len) {
    try {
      d.reset();
      d.decode(ByteBuffer.wrap(b, off, len));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  private static boolean startsWith(byte[] b, int... prefix) {
    if (b.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if ((b[i] & 0xFF) != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}

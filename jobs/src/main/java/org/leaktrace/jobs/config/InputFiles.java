package org.leaktrace.jobs.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * Expands a dataset path (file, folder or glob; local or a Hadoop URI) into its files, sorted by path,
 * and opens them. Local paths use java.nio so that no file is hidden (Hadoop's local file system hides
 * {@code .crc} files); URIs ({@code hdfs://}, {@code s3a://}) go through Hadoop.
 */
public final class InputFiles {

  private static final Pattern URI = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://.*");
  private static final Pattern GLOB = Pattern.compile(".*[*?\\[{].*");

  private InputFiles() {}

  /** One input file: where to open it and its size. */
  public record Ref(String location, long bytes) implements java.io.Serializable {}

  /** Files of a dataset path, sorted by location; empty when nothing matches. */
  public static List<Ref> list(String path) {
    try {
      return URI.matcher(path).matches() ? hadoopList(path) : localList(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Local files matching a glob whose folders are literal up to the first wildcard. */
  public static List<Path> localGlob(String pattern) {
    Path p = Paths.get(pattern);
    Path root = p.getRoot() == null ? Paths.get(".") : p.getRoot();
    for (Path part : p) {
      if (GLOB.matcher(part.toString()).matches()) {
        break;
      }
      root = root.resolve(part);
    }
    PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile).filter(m::matches).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Ref> localList(String path) throws IOException {
    Path p = Paths.get(path);
    List<Path> files;
    if (GLOB.matcher(path).matches()) {
      files = localGlob(path);
    } else if (Files.isDirectory(p)) {
      try (Stream<Path> s = Files.walk(p)) {
        files = s.filter(Files::isRegularFile).sorted(Comparator.comparing(Path::toString)).toList();
      }
    } else {
      files = Files.isRegularFile(p) ? List.of(p) : List.of();
    }
    List<Ref> out = new ArrayList<>();
    for (Path f : files) {
      out.add(new Ref(f.toAbsolutePath().normalize().toString(), Files.size(f)));
    }
    return out;
  }

  private static List<Ref> hadoopList(String path) throws IOException {
    org.apache.hadoop.fs.Path hp = new org.apache.hadoop.fs.Path(path);
    FileSystem fs = hp.getFileSystem(new Configuration());
    List<Ref> out = new ArrayList<>();
    FileStatus[] matched = fs.globStatus(hp);
    if (matched == null) {
      return out;
    }
    for (FileStatus st : matched) {
      if (st.isDirectory()) {
        RemoteIterator<LocatedFileStatus> it = fs.listFiles(st.getPath(), true);
        while (it.hasNext()) {
          LocatedFileStatus f = it.next();
          out.add(new Ref(f.getPath().toString(), f.getLen()));
        }
      } else {
        out.add(new Ref(st.getPath().toString(), st.getLen()));
      }
    }
    out.sort(Comparator.comparing(Ref::location));
    return out;
  }

  /** Opens a file for reading, local or through Hadoop. */
  public static InputStream open(String location) throws IOException {
    if (URI.matcher(location).matches()) {
      org.apache.hadoop.fs.Path hp = new org.apache.hadoop.fs.Path(location);
      return hp.getFileSystem(new Configuration()).open(hp);
    }
    return Files.newInputStream(Paths.get(location));
  }

  /** The location relative to the case folder when it lies below it, for reports; else as it is. */
  public static String label(Path caseDir, String location) {
    if (URI.matcher(location).matches()) {
      return location;
    }
    Path p = Paths.get(location);
    return p.startsWith(caseDir) ? caseDir.relativize(p).toString().replace('\\', '/') : location;
  }
}

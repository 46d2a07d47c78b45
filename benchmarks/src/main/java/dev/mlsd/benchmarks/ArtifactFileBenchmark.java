package dev.mlsd.benchmarks;

import dev.mlsd.core.io.Artifact;
import dev.mlsd.core.io.ArtifactFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How long loading a model or index file takes: map, check the header, verify the CRC32C of every
 * byte. The bar is "a million vectors in seconds, not minutes"; 1M x 64 floats is 256 MB.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class ArtifactFileBenchmark {
  /** Payload size in MiB (a 1M x 64-float index is 244 MiB). */
  @Param({"16", "244"})
  public int mebibytes;

  private Path file;

  @Setup(Level.Trial)
  public void write() throws IOException {
    ByteBuffer payload = ByteBuffer.allocateDirect(mebibytes << 20).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; payload.remaining() >= 4; i++) {
      payload.putFloat(i * 0.001f);
    }
    payload.flip();
    file = Files.createTempFile("mlsd-bench", ".mlsd");
    ArtifactFile.write(file, "bench", 1, "{}", payload);
  }

  @Benchmark
  public float readAndVerify() throws IOException {
    Artifact a = ArtifactFile.read(file, "bench", 1);
    // check our own result: the last float must be the one written
    float last = a.payload().getFloat(a.payload().limit() - 4);
    if (!(last > 0)) {
      throw new AssertionError("payload damaged: " + last);
    }
    return last;
  }

  @TearDown(Level.Trial)
  public void delete() throws IOException {
    Files.deleteIfExists(file);
  }
}

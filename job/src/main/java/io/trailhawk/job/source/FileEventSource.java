package io.trailhawk.job.source;

import io.trailhawk.job.config.JobConfig;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.connector.file.src.util.SingletonResultIterator;
import org.apache.flink.core.fs.Path;

/**
 * CloudTrail log files, local or on S3 through Flink's S3 filesystem plugin: read once (backfill), or watched for
 * new files. Each file becomes one payload, named by its path; gzip is inflated by the decoder.
 */
public final class FileEventSource {
    /** Larger files are refused: a CloudTrail log file is far smaller. */
    static final int MAX_FILE_BYTES = 512 * 1024 * 1024;

    private FileEventSource() {
    }

    public static FileSource<RawPayload> create(JobConfig config) {
        List<String> paths = config.filePaths();
        Path[] p = new Path[paths.size()];
        for (int i = 0; i < p.length; i++) {
            p[i] = new Path(paths.get(i));
        }
        FileSource.FileSourceBuilder<RawPayload> b = FileSource.forBulkFileFormat(new WholeFileFormat(), p);
        Duration monitor = config.fileMonitorInterval();
        if (monitor != null) {
            b.monitorContinuously(monitor);
        }
        return b.build();
    }

    /** Reads a whole file as one payload; a restored split that was already read yields nothing. */
    static final class WholeFileFormat implements BulkFormat<RawPayload, FileSourceSplit> {
        private static final long serialVersionUID = 1L;

        @Override
        public BulkFormat.Reader<RawPayload> createReader(Configuration config, FileSourceSplit split) {
            return new WholeFileReader(split, false);
        }

        @Override
        public BulkFormat.Reader<RawPayload> restoreReader(Configuration config, FileSourceSplit split) {
            boolean alreadyRead = split.getReaderPosition().map(pos -> pos.getRecordsAfterOffset() > 0).orElse(false);
            return new WholeFileReader(split, alreadyRead);
        }

        @Override
        public boolean isSplittable() {
            return false;
        }

        @Override
        public TypeInformation<RawPayload> getProducedType() {
            return TypeInformation.of(RawPayload.class);
        }
    }

    private static final class WholeFileReader implements BulkFormat.Reader<RawPayload> {
        private final FileSourceSplit split;
        private boolean done;

        WholeFileReader(FileSourceSplit split, boolean done) {
            this.split = split;
            this.done = done;
        }

        @Override
        public BulkFormat.RecordIterator<RawPayload> readBatch() throws IOException {
            if (done) {
                return null;
            }
            done = true;
            Path path = split.path();
            long size = split.fileSize();
            if (size > MAX_FILE_BYTES) {
                throw new IOException(path + " is " + size + " bytes, larger than " + MAX_FILE_BYTES);
            }
            // The split knows the file's size: one array of that size, not a growing buffer and a copy of it.
            byte[] bytes;
            try (InputStream in = path.getFileSystem().open(path)) {
                bytes = in.readNBytes((int) size);
                byte[] more = in.readNBytes(MAX_FILE_BYTES - bytes.length + 1);
                if (more.length > 0) {
                    // Written to since it was listed: all of it, within the same bound.
                    if (bytes.length + more.length > MAX_FILE_BYTES) {
                        throw new IOException(path + " is larger than " + MAX_FILE_BYTES + " bytes");
                    }
                    byte[] all = java.util.Arrays.copyOf(bytes, bytes.length + more.length);
                    System.arraycopy(more, 0, all, bytes.length, more.length);
                    bytes = all;
                }
            }
            SingletonResultIterator<RawPayload> it = new SingletonResultIterator<>();
            it.set(new RawPayload(bytes, "file:" + path), CheckpointedPosition.NO_OFFSET, 1);
            return it;
        }

        @Override
        public void close() {
        }
    }
}

// The compression libraries Parquet pages use, from Debian's -dev packages:
// libsnappy-dev, libzstd-dev, liblz4-dev, libbrotli-dev and zlib1g-dev.
#include <snappy-c.h>
#include <zstd.h>
#include <lz4.h>
#include <brotli/decode.h>
#include <brotli/encode.h>
#include <zlib.h>

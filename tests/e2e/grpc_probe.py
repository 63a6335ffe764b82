#!/usr/bin/python3
"""An independent gRPC client (Python grpcio) that checks a running disposal-server.

  grpc_probe.py ADDRESS health       prints the overall health status, e.g. SERVING
  grpc_probe.py ADDRESS reflection   prints the services listed by server reflection

The messages are encoded by hand: both requests are tiny, and this keeps the probe free of
generated code, so it checks the wire protocol rather than our own stubs.
"""
import sys

import grpc

HEALTH_STATUS = {0: "UNKNOWN", 1: "SERVING", 2: "NOT_SERVING", 3: "SERVICE_UNKNOWN"}


def read_varint(data, pos):
    value, shift = 0, 0
    while True:
        byte = data[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if not byte & 0x80:
            return value, pos


def fields(data):
    """Yields (field_number, wire_type, value) for a serialized protobuf message."""
    pos = 0
    while pos < len(data):
        key, pos = read_varint(data, pos)
        number, wire_type = key >> 3, key & 7
        if wire_type == 0:
            value, pos = read_varint(data, pos)
        elif wire_type == 2:
            length, pos = read_varint(data, pos)
            value, pos = data[pos:pos + length], pos + length
        else:
            raise ValueError("unexpected wire type %d" % wire_type)
        yield number, wire_type, value


def health(channel):
    check = channel.unary_unary("/grpc.health.v1.Health/Check")
    response = check(b"", timeout=5)  # HealthCheckRequest{service: ""}
    status = dict((n, v) for n, _, v in fields(response)).get(1, 0)
    print(HEALTH_STATUS.get(status, str(status)))


def reflection(channel):
    info = channel.stream_stream("/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo")
    # ServerReflectionRequest{list_services: ""} is field 7, an empty string.
    for response in info(iter([b"\x3a\x00"]), timeout=5):
        for number, _, value in fields(response):
            if number == 6:  # list_services_response
                for _, _, service in fields(value):
                    for name_field, _, name in fields(service):
                        if name_field == 1:
                            print(name.decode())
        break


def main():
    address, what = sys.argv[1], sys.argv[2]
    with grpc.insecure_channel(address) as channel:
        {"health": health, "reflection": reflection}[what](channel)


if __name__ == "__main__":
    main()

package io.batchcall.adapter.http.edge;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * Answers a request line with an HTTP version other than 1.0 and 1.1 ({@code GET / HTTP/9.9}) with 505
 * {@code http_version_not_supported} in the error envelope, then closes the connection. Vert.x would answer such a
 * request itself, before any handler, with a bare 501 and no body; this Netty handler sits just before Vert.x's on
 * each HTTP/1 connection, so it sees the decoded request first.
 */
final class VersionGuard extends ChannelInboundHandlerAdapter {

    static final String NAME = "batchcall-version-guard";
    private static final byte[] BODY = Replies.bytes(io.batchcall.adapter.http.dto.ErrorDto.of("http_version_not_supported",
            "Only HTTP/1.0 and HTTP/1.1 are served"));

    private boolean refused;

    /** Installs the guard on a new connection (a connection handler); connections it cannot reach are left as they are. */
    static void install(HttpConnection connection) {
        if (connection instanceof ConnectionBase base && base.channel().pipeline().get("handler") != null
                && base.channel().pipeline().get(NAME) == null) {
            base.channel().pipeline().addBefore("handler", NAME, new VersionGuard());
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (refused) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpRequest request && request.decoderResult().isSuccess()
                && !HttpVersion.HTTP_1_1.equals(request.protocolVersion()) && !HttpVersion.HTTP_1_0.equals(request.protocolVersion())) {
            refused = true;
            ReferenceCountUtil.release(msg);
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.HTTP_VERSION_NOT_SUPPORTED, Unpooled.wrappedBuffer(BODY));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, Replies.JSON_TYPE)
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, BODY.length)
                    .set(HttpHeaderNames.CONNECTION, "close");
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        ctx.fireChannelRead(msg);
    }
}

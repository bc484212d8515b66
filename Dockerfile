# 1. Console: Vite build into client/dist.
FROM node:20-alpine AS console
WORKDIR /src/client
COPY client/package.json client/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY client/ ./
RUN npm run build

# 2. Service: a static binary (pure-Go SQLite, no cgo) with the console embedded.
FROM golang:1.26-alpine AS service
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
COPY --from=console /src/client/dist ./client/dist
ARG VERSION=docker
RUN CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X main.version=${VERSION}" -o /out/wxcomponent .

# 3. Runtime: small, non-root, China time zone, CA certificates for api.weixin.qq.com.
FROM alpine:3.20
RUN apk add --no-cache ca-certificates tzdata libcap \
 && cp /usr/share/zoneinfo/Asia/Shanghai /etc/localtime && echo "Asia/Shanghai" > /etc/timezone \
 && adduser -D -H -u 10001 wxcomponent \
 && mkdir -p /app/data && chown wxcomponent /app/data && chmod 700 /app/data
WORKDIR /app
COPY --from=service /out/wxcomponent /app/wxcomponent
# Lets the non-root user bind port 80 on any runtime, whatever its unprivileged-port setting.
RUN setcap cap_net_bind_service=+ep /app/wxcomponent
ENV PORT=80 GIN_MODE=release TZ=Asia/Shanghai DATA_DIR=/app/data SQLITE_PATH=/app/data/wxcomponent.db
EXPOSE 80
USER wxcomponent
ENTRYPOINT ["/app/wxcomponent"]

package wxcallback

import (
	"bytes"
	"errors"
	"io"
	"net/http"

	"github.com/gin-gonic/gin"

	"wxcomponent/api/errno"
	"wxcomponent/api/respond"
)

// readBody reads at most MaxBodyBytes; a larger body is answered 413 and not read further.
func readBody(c *gin.Context) ([]byte, bool) {
	if c.Request.ContentLength > MaxBodyBytes {
		tooLarge(c)
		return nil, false
	}
	var buf bytes.Buffer
	if n := c.Request.ContentLength; n > 0 {
		buf.Grow(int(n))
	}
	_, err := buf.ReadFrom(io.LimitReader(c.Request.Body, MaxBodyBytes+1))
	var mbe *http.MaxBytesError
	switch {
	case errors.As(err, &mbe) || buf.Len() > MaxBodyBytes:
		tooLarge(c) // also when a global BodyLimit with a smaller cap cut the read
		return nil, false
	case err != nil:
		respond.BadRequest(c, "could not read the request body")
		return nil, false
	}
	return buf.Bytes(), true
}

func tooLarge(c *gin.Context) {
	respond.Code(c, errno.ErrInvalidParam.WithStatus(http.StatusRequestEntityTooLarge), "request body too large")
}

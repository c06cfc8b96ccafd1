package com.betanet.marketplace.identity.web;

import com.betanet.marketplace.identity.application.AvatarService;
import com.betanet.marketplace.identity.application.AvatarService.AvatarView;
import com.betanet.marketplace.shared.security.CurrentUser;
import com.betanet.marketplace.shared.web.ProblemCodes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@RestController
@RequestMapping("/api/v1/users/me/avatar")
@Tag(name = "Users", description = "Accounts and profiles")
class AvatarController {

    private final AvatarService avatars;

    AvatarController(AvatarService avatars) {
        this.avatars = avatars;
    }

    @PutMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(
            summary = "Upload a new profile picture",
            description = "multipart/form-data with part `file`: a JPEG, PNG or WebP image (detected from its bytes) of"
                    + " at most 5 MiB and 40 megapixels. It is stored re-encoded without metadata (EXIF, GPS), with a"
                    + " thumbnail; the previous picture is deleted.")
    @ProblemCodes({"400 validation_failed", "413 payload_too_large", "415 unsupported_media_type"})
    AvatarView replace(CurrentUser caller, @RequestPart("file") MultipartFile file) {
        return avatars.replace(caller.id(), file);
    }

    @DeleteMapping
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Remove the profile picture")
    void remove(CurrentUser caller) {
        avatars.remove(caller.id());
    }
}

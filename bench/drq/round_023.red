;redcode-94
;name offline r23 s90
;author drq offline generator
;strategy new paper
;block paper 0
        SPL.B  $1, $0
        SPL.B  $1, $0
        SPL.B  $1, $0
        SPL.B  @0, >828
        MOV.I  }-1, >-1
        SPL.B  @0, >3395
        MOV.I  }-1, >-1
        MOV.I  $3, }1545
        MOV.I  {-3, <1
        JMP.B  @0, >3585
        DAT.F  <2667, <-2667
        end     0
